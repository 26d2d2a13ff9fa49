package org.rnn4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.nn.Module;

/**
 * A module tree as JSON, and back. One node per module that has a codec of its own:
 * <pre>
 *   {"type": "Sequential", "config": {...}, "children": {"0": node, "1": node}}
 * </pre>
 * {@code config} holds the codec's {@link ModuleConfig}; {@code children} (only for containers)
 * the nodes of the submodules by their registered names, in order.
 *
 * <p>Errors are IllegalArgumentExceptions naming the module's place in the tree ("the root",
 * "module 'encoder.0' (LSTM)"); {@link Models} adds the file.
 */
final class ModuleTree {
    private static final Set<String> NODE_KEYS = Set.of("type", "config", "children");

    private ModuleTree() {}

    /** {@code module} as a JSON node (maps and lists for {@link JsonWriter}). */
    static Map<String, Object> encode(Module module, ModuleCodecs codecs) {
        return encode(module, codecs, "");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Object> encode(Module module, ModuleCodecs codecs, String path) {
        ModuleCodec codec = codecs.forClass(module.getClass());
        if (codec == null) {
            throw new IllegalArgumentException(where(path, module.getClass().getSimpleName()) + " has no codec, so a"
                    + " model file cannot describe it (codecs exist for " + String.join(", ", codecs.types())
                    + "; org.rnn4j.io's package documentation shows how to add one)");
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", codec.type());
        node.put("config", ((ModuleConfig) codec.config(module)).toJson());
        Map<String, Module> children = codec.children(module);
        if (!children.isEmpty()) {
            Map<String, Object> kids = new LinkedHashMap<>();
            children.forEach((name, child) -> kids.put(name, encode(child, codecs, join(path, name))));
            node.put("children", kids);
        }
        return node;
    }

    /**
     * Builds the module a JSON node describes, children first. Each built module is checked
     * against its node: its class is the codec's, writing its config again yields every option
     * of the node with the same value (so an unknown or ignored option is refused), and it holds
     * exactly the children it was given.
     */
    static Module decode(Object json, ModuleCodecs codecs) {
        return decode(json, codecs, "");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Module decode(Object json, ModuleCodecs codecs, String path) {
        if (!(json instanceof Map<?, ?> node)) {
            throw new IllegalArgumentException(where(path, null) + " must be a JSON object, found " + kind(json));
        }
        for (Object key : node.keySet()) {
            if (!NODE_KEYS.contains(key)) {
                throw new IllegalArgumentException(where(path, null) + " has an unknown entry \"" + FileFormat.clip((String) key)
                        + "\" (a node holds type, config and children)");
            }
        }
        if (!(node.get("type") instanceof String type)) {
            throw new IllegalArgumentException(where(path, null) + " must have a string \"type\", found "
                    + kind(node.get("type")));
        }
        ModuleCodec codec = codecs.forType(type);
        if (codec == null) {
            throw new IllegalArgumentException(where(path, null) + " has unknown module type \"" + FileFormat.clip(type)
                    + "\" (this rnn4j knows " + String.join(", ", codecs.types()) + ")");
        }
        String here = where(path, type);
        ModuleConfig config = config(node.get("config"), here);
        Map<String, Module> children = children(node.get("children"), codecs, path, here);
        Module built;
        try {
            built = (Module) codec.build(config, children);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(here + ": " + ex.getMessage(), ex);
        } catch (RuntimeException ex) { // a codec that trips over a hostile value still gives one clean line
            throw new IllegalArgumentException(here + ": cannot be built from its options: " + ex, ex);
        }
        if (built == null || built.getClass() != codec.moduleClass()) {
            throw new IllegalArgumentException(here + ": the codec built " + (built == null ? "nothing"
                    : built.getClass().getName()) + ", not a " + codec.moduleClass().getName());
        }
        String disagreement = config.firstDisagreement((ModuleConfig) codec.config(built));
        if (disagreement != null) throw new IllegalArgumentException(here + ": " + disagreement);
        checkChildren(here, children, codec.children(built));
        return built;
    }

    private static ModuleConfig config(Object json, String here) {
        if (json == null) return ModuleConfig.of();
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(here + ": \"config\" must be a JSON object, found " + kind(json));
        }
        try {
            return ModuleConfig.fromJson(map);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(here + ": " + ex.getMessage(), ex);
        }
    }

    private static Map<String, Module> children(Object json, ModuleCodecs codecs, String path, String here) {
        if (json == null) return Map.of();
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(here + ": \"children\" must be a JSON object, found " + kind(json));
        }
        Map<String, Module> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            out.put(name, decode(e.getValue(), codecs, join(path, name)));
        }
        return out;
    }

    private static void checkChildren(String here, Map<String, Module> given, Map<String, Module> held) {
        List<String> want = new ArrayList<>(given.keySet());
        List<String> got = new ArrayList<>(held.keySet());
        boolean same = want.equals(got);
        for (int i = 0; same && i < want.size(); i++) same = given.get(want.get(i)) == held.get(got.get(i));
        if (!same) {
            throw new IllegalArgumentException(here + ": the file lists submodules " + want
                    + " but the built module holds " + got);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String where(String path, String type) {
        String place = path.isEmpty() ? "the root module" : "module '" + FileFormat.clip(path) + "'";
        return type == null ? place : place + " (" + type + ")";
    }

    private static String kind(Object v) {
        if (v == null) return "nothing";
        if (v == Json.NULL) return "null";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "an array";
        if (v instanceof String) return "a string";
        if (v instanceof Boolean) return "a boolean";
        return "a number";
    }
}
