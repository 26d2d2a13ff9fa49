package org.rnn4j.io;

import java.util.Map;
import java.util.function.Supplier;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.ReLU;
import org.rnn4j.nn.Sigmoid;
import org.rnn4j.nn.Tanh;

/** The element-wise activation modules {@link Tanh}, {@link ReLU} and {@link Sigmoid}: no options. */
final class ActivationCodec<M extends Module> implements ModuleCodec<M> {
    static final ActivationCodec<Tanh> TANH = new ActivationCodec<>("Tanh", Tanh.class, Tanh::new);
    static final ActivationCodec<ReLU> RELU = new ActivationCodec<>("ReLU", ReLU.class, ReLU::new);
    static final ActivationCodec<Sigmoid> SIGMOID = new ActivationCodec<>("Sigmoid", Sigmoid.class, Sigmoid::new);

    private final String name;
    private final Class<M> type;
    private final Supplier<M> make;

    private ActivationCodec(String name, Class<M> type, Supplier<M> make) {
        this.name = name;
        this.type = type;
        this.make = make;
    }

    @Override
    public String type() {
        return name;
    }

    @Override
    public Class<M> moduleClass() {
        return type;
    }

    @Override
    public ModuleConfig config(M module) {
        return ModuleConfig.of();
    }

    @Override
    public M build(ModuleConfig c, Map<String, Module> children) {
        return make.get();
    }
}
