package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Module;

/**
 * {@link Dropout}: {@code p}. A generator given to the constructor is not architecture (it is
 * run state, like the default generator's position): a loaded Dropout draws from the default one.
 */
final class DropoutCodec implements ModuleCodec<Dropout> {
    @Override
    public String type() {
        return "Dropout";
    }

    @Override
    public Class<Dropout> moduleClass() {
        return Dropout.class;
    }

    @Override
    public ModuleConfig config(Dropout m) {
        return ModuleConfig.of().with("p", m.p());
    }

    @Override
    public Dropout build(ModuleConfig c, Map<String, Module> children) {
        return new Dropout(c.getDouble("p", 0.5));
    }
}
