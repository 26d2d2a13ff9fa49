package org.rnn4j.onnx.export;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.ReLU;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Sigmoid;
import org.rnn4j.nn.Tanh;

/**
 * The exporters by module class. A new module type plugs in with one {@link ModuleExporter} and one
 * {@link #register} line in {@link #standard()}.
 */
public final class Exporters {
    private final Map<Class<?>, ModuleExporter<?>> byType = new LinkedHashMap<>();

    /** Every exporter rnn4j ships. */
    public static Exporters standard() {
        return new Exporters()
                .register(new RecurrentExporter<>(RNN.class))
                .register(new RecurrentExporter<>(LSTM.class))
                .register(new RecurrentExporter<>(GRU.class))
                .register(new LinearExporter())
                .register(new EmbeddingExporter())
                .register(new DropoutExporter())
                .register(new LayerNormExporter())
                .register(new ActivationExporter<>(Tanh.class, "Tanh"))
                .register(new ActivationExporter<>(ReLU.class, "Relu"))
                .register(new ActivationExporter<>(Sigmoid.class, "Sigmoid"))
                .register(new SequentialExporter())
                .register(new ForecastNetExporter())
                .register(new CharLanguageModelExporter());
    }

    public Exporters register(ModuleExporter<?> exporter) {
        byType.put(exporter.type(), exporter);
        return this;
    }

    /** The exporter for {@code module}'s exact class; IllegalArgumentException naming it if none. */
    @SuppressWarnings("unchecked")
    public <M extends Module> ModuleExporter<M> forModule(M module) {
        if (module == null) throw new IllegalArgumentException("model must not be null");
        ModuleExporter<?> e = byType.get(module.getClass());
        if (e == null) {
            throw new IllegalArgumentException("ONNX export does not support " + module.getClass().getSimpleName()
                    + " modules; supported: " + byType.keySet().stream().map(Class::getSimpleName).toList());
        }
        return (ModuleExporter<M>) e;
    }
}
