package org.rnn4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.rnn4j.nn.Module;

/**
 * An immutable registry of {@link ModuleCodec}s: type name to codec, module class to codec. A
 * model file can hold every module whose class has a codec here.
 *
 * <p>{@link #builtIn()} lists rnn4j-core's own codecs (the one place to add a line for a new
 * core module); {@link #standard()}, what {@link Models} uses by default, adds those that other
 * libraries declare as {@link java.util.ServiceLoader} providers of {@link ModuleCodec}
 * ({@code provides org.rnn4j.io.ModuleCodec with ...} in a module descriptor, or a line in
 * {@code META-INF/services/org.rnn4j.io.ModuleCodec}); {@link #with} adds one by hand.
 */
public final class ModuleCodecs {
    private final Map<String, ModuleCodec<?>> byType;
    private final Map<Class<?>, ModuleCodec<?>> byClass;

    private ModuleCodecs(Map<String, ModuleCodec<?>> byType, Map<Class<?>, ModuleCodec<?>> byClass) {
        this.byType = byType;
        this.byClass = byClass;
    }

    /** The codecs of rnn4j-core's modules. */
    public static ModuleCodecs builtIn() {
        ModuleCodecs r = new ModuleCodecs(Map.of(), Map.of());
        for (ModuleCodec<?> c : List.of(
                new LinearCodec(),
                RecurrentCodec.RNN_CODEC,
                RecurrentCodec.LSTM_CODEC,
                RecurrentCodec.GRU_CODEC,
                new RNNCellCodec(),
                new LSTMCellCodec(),
                new GRUCellCodec(),
                new ElmanNetworkCodec(),
                new JordanNetworkCodec(),
                new EmbeddingCodec(),
                new DropoutCodec(),
                new LayerNormCodec(),
                ActivationCodec.TANH,
                ActivationCodec.RELU,
                ActivationCodec.SIGMOID,
                new SequentialCodec())) {
            r = r.with(c);
        }
        return r;
    }

    /**
     * {@link #builtIn()} plus every {@link ModuleCodec} service provider visible to the current
     * thread's context class loader.
     *
     * @throws IllegalArgumentException if a provider's type name or class is already taken
     */
    public static ModuleCodecs standard() {
        ModuleCodecs r = builtIn();
        for (ModuleCodec<?> c : ServiceLoader.load(ModuleCodec.class)) r = r.with(c);
        return r;
    }

    /**
     * This registry with {@code codec} added.
     *
     * @throws IllegalArgumentException if the codec, its type or its class is null or its type
     *     name or class already has a codec
     */
    public ModuleCodecs with(ModuleCodec<?> codec) {
        if (codec == null) throw new IllegalArgumentException("codec must not be null");
        String type = codec.type();
        Class<?> cls = codec.moduleClass();
        if (type == null || type.isEmpty() || cls == null) {
            throw new IllegalArgumentException("codec " + codec.getClass().getName() + " must name a type and a class");
        }
        if (byType.containsKey(type)) {
            throw new IllegalArgumentException("module type \"" + type + "\" already has a codec: "
                    + byType.get(type).getClass().getName());
        }
        if (byClass.containsKey(cls)) {
            throw new IllegalArgumentException(cls.getName() + " already has a codec: " + byClass.get(cls).getClass().getName());
        }
        Map<String, ModuleCodec<?>> types = new LinkedHashMap<>(byType);
        types.put(type, codec);
        Map<Class<?>, ModuleCodec<?>> classes = new LinkedHashMap<>(byClass);
        classes.put(cls, codec);
        return new ModuleCodecs(Collections.unmodifiableMap(types), Collections.unmodifiableMap(classes));
    }

    /** The codec stored under {@code type}, or null. */
    public ModuleCodec<?> forType(String type) {
        return byType.get(type);
    }

    /** The codec of exactly this class (not a superclass's), or null. */
    @SuppressWarnings("unchecked")
    public <M extends Module> ModuleCodec<M> forClass(Class<M> type) {
        return (ModuleCodec<M>) byClass.get(type);
    }

    /** The type names, in registration order. */
    public Set<String> types() {
        return byType.keySet();
    }
}
