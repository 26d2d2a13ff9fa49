package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.RNNCell;
import org.rnn4j.nn.Module;

/** {@link RNNCell}: {@code input_size}, {@code hidden_size}, {@code bias}, {@code nonlinearity}. */
final class RNNCellCodec implements ModuleCodec<RNNCell> {
    @Override
    public String type() {
        return "RNNCell";
    }

    @Override
    public Class<RNNCell> moduleClass() {
        return RNNCell.class;
    }

    @Override
    public ModuleConfig config(RNNCell m) {
        return ModuleConfig.of().with("input_size", m.inputSize()).with("hidden_size", m.hiddenSize())
                .with("bias", m.config().bias()).with("nonlinearity", m.config().nonlinearity());
    }

    @Override
    public RNNCell build(ModuleConfig c, Map<String, Module> children) {
        return new RNNCell(c.getInt("input_size"), c.getInt("hidden_size"), RNNCell.options()
                .bias(c.getBoolean("bias", true)).nonlinearity(c.getEnum("nonlinearity", Activation.class, Activation.TANH)));
    }
}
