package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.tensor.Tensor;

/** Codecs that break the rules, for the registry's and the save-time round trip's checks. */
final class Unfaithful implements ModuleCodec<Linear> {
    @Override
    public String type() {
        return "OtherLinear";
    }

    @Override
    public Class<Linear> moduleClass() {
        return Linear.class;
    }

    @Override
    public ModuleConfig config(Linear module) {
        return ModuleConfig.of();
    }

    @Override
    public Linear build(ModuleConfig config, Map<String, Module> children) {
        return new Linear(1, 1);
    }

    /** A module with one parameter of {@code size} elements. */
    static final class Box extends Module {
        final int size;

        Box() {
            this(3);
        }

        Box(int size) {
            this.size = size;
            registerParameter("w", Tensor.zeros(size));
        }
    }

    /** Writes the size but always builds a Box of 2. */
    static final class BoxCodec implements ModuleCodec<Box> {
        @Override
        public String type() {
            return "Box";
        }

        @Override
        public Class<Box> moduleClass() {
            return Box.class;
        }

        @Override
        public ModuleConfig config(Box module) {
            return ModuleConfig.of().with("size", module.size);
        }

        @Override
        public Box build(ModuleConfig config, Map<String, Module> children) {
            return new Box(2);
        }
    }
}
