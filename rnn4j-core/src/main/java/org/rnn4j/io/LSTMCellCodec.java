package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.LSTMCell;
import org.rnn4j.nn.Module;

/** {@link LSTMCell}: {@code input_size}, {@code hidden_size}, {@code bias}. */
final class LSTMCellCodec implements ModuleCodec<LSTMCell> {
    @Override
    public String type() {
        return "LSTMCell";
    }

    @Override
    public Class<LSTMCell> moduleClass() {
        return LSTMCell.class;
    }

    @Override
    public ModuleConfig config(LSTMCell m) {
        return ModuleConfig.of().with("input_size", m.inputSize()).with("hidden_size", m.hiddenSize())
                .with("bias", m.config().bias());
    }

    @Override
    public LSTMCell build(ModuleConfig c, Map<String, Module> children) {
        return new LSTMCell(c.getInt("input_size"), c.getInt("hidden_size"), LSTMCell.options()
                .bias(c.getBoolean("bias", true)));
    }
}
