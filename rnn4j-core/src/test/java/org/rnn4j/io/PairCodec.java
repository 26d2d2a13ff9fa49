package org.rnn4j.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.nn.Module;

/**
 * A container codec found by {@link java.util.ServiceLoader} (src/test/resources/META-INF/services):
 * how a library outside rnn4j-core adds a module type, and the container path of the format
 * (children stored as nodes of their own) before rnn4j-core has a container of its own.
 */
public final class PairCodec implements ModuleCodec<PairCodec.Pair> {
    /** Two submodules, "first" and "second", and a label option. */
    public static final class Pair extends Module {
        final String label;
        final Module first;
        final Module second;

        public Pair(String label, Module first, Module second) {
            this.label = label;
            this.first = registerModule("first", first);
            this.second = registerModule("second", second);
        }

        @Override
        protected String extraRepr() {
            return "label=" + label;
        }
    }

    @Override
    public String type() {
        return "Pair";
    }

    @Override
    public Class<Pair> moduleClass() {
        return Pair.class;
    }

    @Override
    public ModuleConfig config(Pair m) {
        return ModuleConfig.of().with("label", m.label);
    }

    @Override
    public Map<String, Module> children(Pair m) {
        Map<String, Module> out = new LinkedHashMap<>();
        out.put("first", m.first);
        out.put("second", m.second);
        return out;
    }

    @Override
    public Pair build(ModuleConfig config, Map<String, Module> children) {
        if (!children.keySet().equals(java.util.Set.of("first", "second"))) {
            throw new IllegalArgumentException("a Pair holds first and second, found " + children.keySet());
        }
        return new Pair(config.getString("label"), children.get("first"), children.get("second"));
    }
}
