package org.rnn4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The entries learning-rate schedulers keep in PyTorch's {@code param_groups[0]} beside the
 * hyper-parameters ({@link Optimizer#SCHEDULER_ENTRIES}), in the order they were set.
 */
final class GroupEntries {
    private Map<String, Double> values = new LinkedHashMap<>();

    boolean has(String key) {
        return values.containsKey(key);
    }

    double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("param '" + key + "' is not specified in param_groups[0]");
        }
        return v;
    }

    void set(String key, double value) {
        if (!Optimizer.SCHEDULER_ENTRIES.contains(key)) {
            throw new IllegalArgumentException("unknown param_groups entry '" + key + "': schedulers keep "
                    + String.join(", ", new TreeSet<>(Optimizer.SCHEDULER_ENTRIES)));
        }
        values.put(key, value);
    }

    /** The entries in the order they were set (a view). */
    Map<String, Double> all() {
        return values;
    }

    /** Replaces every entry, as PyTorch's load_state_dict replaces the whole group. */
    void replace(Map<String, Double> entries) {
        values = new LinkedHashMap<>(entries);
    }
}
