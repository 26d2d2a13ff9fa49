package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;

/** {@link Linear}: {@code in_features}, {@code out_features}, {@code bias}. */
final class LinearCodec implements ModuleCodec<Linear> {
    @Override
    public String type() {
        return "Linear";
    }

    @Override
    public Class<Linear> moduleClass() {
        return Linear.class;
    }

    @Override
    public ModuleConfig config(Linear m) {
        return ModuleConfig.of().with("in_features", m.inFeatures()).with("out_features", m.outFeatures())
                .with("bias", m.bias() != null);
    }

    @Override
    public Linear build(ModuleConfig c, Map<String, Module> children) {
        return new Linear(c.getInt("in_features"), c.getInt("out_features"), c.getBoolean("bias", true));
    }
}
