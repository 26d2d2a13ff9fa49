package org.rnn4j.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Compares what a module (or optimizer) expects, name to shape, with what a file holds. */
final class ShapeCheck {
    /** At most this many problems are listed in one message; the rest are counted. */
    private static final int LISTED = 4;

    private ShapeCheck() {}

    /**
     * Null when {@code found} has exactly the names of {@code expected} with the same shapes,
     * else one line listing the missing, unexpected and mismatched names (the first few of each).
     */
    static String mismatch(Map<String, int[]> expected, Map<String, int[]> found) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            int[] f = found.get(e.getKey());
            if (f == null) {
                problems.add("missing tensor '" + e.getKey() + "' " + Arrays.toString(e.getValue()));
            } else if (!Arrays.equals(f, e.getValue())) {
                problems.add("tensor '" + e.getKey() + "' has shape " + Arrays.toString(f) + ", expected "
                        + Arrays.toString(e.getValue()));
            }
        }
        for (String name : found.keySet()) {
            if (!expected.containsKey(name)) problems.add("unexpected tensor '" + FileFormat.clip(name) + "'");
        }
        if (problems.isEmpty()) return null;
        String listed = String.join("; ", problems.subList(0, Math.min(LISTED, problems.size())));
        return problems.size() > LISTED ? listed + "; and " + (problems.size() - LISTED) + " more" : listed;
    }

    /** The shapes of {@code tensors}' values, by name. */
    static Map<String, int[]> shapes(Map<String, org.rnn4j.tensor.Tensor> tensors) {
        Map<String, int[]> out = new java.util.LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(k, v.shape()));
        return out;
    }
}
