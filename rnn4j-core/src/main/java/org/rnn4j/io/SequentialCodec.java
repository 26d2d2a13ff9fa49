package org.rnn4j.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Sequential;

/**
 * {@link Sequential}: no options; its modules are children named {@code "0"}, {@code "1"}, ... in
 * order, PyTorch's names (so their weights are {@code 0.weight}, {@code 2.bias}, ...).
 */
final class SequentialCodec implements ModuleCodec<Sequential> {
    @Override
    public String type() {
        return "Sequential";
    }

    @Override
    public Class<Sequential> moduleClass() {
        return Sequential.class;
    }

    @Override
    public ModuleConfig config(Sequential m) {
        return ModuleConfig.of();
    }

    @Override
    public Map<String, Module> children(Sequential m) {
        Map<String, Module> out = new LinkedHashMap<>();
        for (int i = 0; i < m.size(); i++) out.put(Integer.toString(i), m.get(i));
        return out;
    }

    /** @throws IllegalArgumentException unless the children are named 0, 1, ... in that order */
    @Override
    public Sequential build(ModuleConfig c, Map<String, Module> children) {
        int i = 0;
        for (String name : children.keySet()) {
            if (!name.equals(Integer.toString(i))) {
                throw new IllegalArgumentException("a Sequential's submodules are named 0, 1, 2, ... in order, but"
                        + " submodule " + i + " is named \"" + FileFormat.clip(name) + "\"");
            }
            i++;
        }
        return new Sequential(children.values().toArray(new Module[0]));
    }
}
