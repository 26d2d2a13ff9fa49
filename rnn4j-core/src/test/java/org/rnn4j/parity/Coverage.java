package org.rnn4j.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BinaryOperator;

/**
 * The option-coverage rule of the parity suites: for each module, every required value of every
 * option must appear in the metadata of at least one case (after bucketing, e.g. a dim into
 * "negative" / "non-negative"). A value that loses its last case is reported by name.
 */
final class Coverage {
    private Coverage() {}

    /**
     * The "module key=value" entries of {@code required} that no case in {@code metas} has.
     *
     * @param bucket maps (key, raw metadata value) to the value compared with the required ones
     */
    static List<String> missing(String module, Map<String, List<String>> required, List<Map<String, String>> metas,
            BinaryOperator<String> bucket) {
        Map<String, TreeSet<String>> seen = new TreeMap<>();
        for (Map<String, String> meta : metas) {
            for (String key : required.keySet()) {
                String v = meta.get(key);
                if (v != null) seen.computeIfAbsent(key, k -> new TreeSet<>()).add(bucket.apply(key, v));
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> opt : required.entrySet()) {
            for (String v : opt.getValue()) {
                if (!seen.getOrDefault(opt.getKey(), new TreeSet<>()).contains(v)) {
                    out.add(module + " " + opt.getKey() + "=" + v);
                }
            }
        }
        return out;
    }
}
