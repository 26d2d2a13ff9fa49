package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.GRUCell;
import org.rnn4j.nn.Module;

/** {@link GRUCell}: {@code input_size}, {@code hidden_size}, {@code bias}. */
final class GRUCellCodec implements ModuleCodec<GRUCell> {
    @Override
    public String type() {
        return "GRUCell";
    }

    @Override
    public Class<GRUCell> moduleClass() {
        return GRUCell.class;
    }

    @Override
    public ModuleConfig config(GRUCell m) {
        return ModuleConfig.of().with("input_size", m.inputSize()).with("hidden_size", m.hiddenSize())
                .with("bias", m.config().bias());
    }

    @Override
    public GRUCell build(ModuleConfig c, Map<String, Module> children) {
        return new GRUCell(c.getInt("input_size"), c.getInt("hidden_size"), GRUCell.options()
                .bias(c.getBoolean("bias", true)));
    }
}
