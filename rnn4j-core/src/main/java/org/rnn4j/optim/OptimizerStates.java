package org.rnn4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnn4j.tensor.Tensor;

/**
 * {@link Optimizer#stateDict()} and {@link Optimizer#loadStateDict(Map)}: PyTorch's
 * {@code optimizer.state_dict()} (one parameter group) flattened into names.
 *
 * <pre>
 *   state.{i}.step              0-dim, steps taken by parameter i (Adam, AdamW, RMSprop)
 *   state.{i}.{buffer}          shaped like parameter i: exp_avg, exp_avg_sq, max_exp_avg_sq,
 *                               momentum_buffer, square_avg, grad_avg
 *   param_groups.0.{name}       each hyper-parameter: 0-dim, betas [2], booleans 1.0/0.0
 *   param_groups.0.initial_lr   ... and the entries schedulers keep there (Optimizer.SCHEDULER_ENTRIES)
 *   {key}.f64                   the exact double behind a rounded value (StateDicts)
 * </pre>
 * A parameter without state (never stepped, or plain SGD) has no {@code state.{i}} entries.
 * {@code param_groups.0.params} (PyTorch's list of indices) is left out: it is always 0..n-1.
 */
final class OptimizerStates {
    static final String GROUP = "param_groups.0.";
    /** PyTorch's implementation switches, meaningless here: read and dropped. */
    static final Set<String> IGNORED = Set.of("foreach", "capturable", "differentiable", "fused");

    private OptimizerStates() {
    }

    static Map<String, Tensor> save(Optimizer opt) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        opt.states().write(out);
        opt.writeGroup(out, GROUP);
        for (Map.Entry<String, Double> e : opt.groupEntries().all().entrySet()) {
            StateDicts.putDouble(out, GROUP + e.getKey(), e.getValue());
        }
        return out;
    }

    static void load(Optimizer opt, Map<String, Tensor> sd) {
        if (sd == null) throw new IllegalArgumentException("state dict must not be null");
        String name = opt.getClass().getSimpleName();
        Set<String> hyper = opt.groupKeys();
        for (Map.Entry<String, Tensor> e : sd.entrySet()) {
            String key = e.getKey();
            if (key == null || e.getValue() == null) {
                throw new IllegalArgumentException("state dict holds a null key or value (key '" + key + "')");
            }
            if (ParamStates.owns(key)) continue; // checked by ParamStates.read
            if (!key.startsWith(GROUP)) {
                throw new IllegalArgumentException("unexpected key '" + key + "' in state dict: an optimizer's keys "
                        + "are state.{i}.{name} and param_groups.0.{name}"
                        + (key.startsWith("param_groups.") ? " (rnn4j optimizers have one parameter group)" : ""));
            }
            String entry = key.substring(GROUP.length());
            if (StateDicts.isExactCompanion(entry)) {
                entry = entry.substring(0, entry.length() - StateDicts.EXACT_SUFFIX.length());
            }
            if (!hyper.contains(entry) && !IGNORED.contains(entry) && !Optimizer.SCHEDULER_ENTRIES.contains(entry)) {
                Set<String> known = new TreeSet<>(hyper);
                known.addAll(Optimizer.SCHEDULER_ENTRIES);
                throw new IllegalArgumentException("unexpected key '" + key + "' in state dict: " + name
                        + "'s param_groups.0 holds " + String.join(", ", known));
            }
        }
        ParamStates.Loaded state = opt.states().read(sd);
        Map<String, Double> entries = new LinkedHashMap<>();
        for (String key : sd.keySet()) {
            String k = key.startsWith(GROUP) ? key.substring(GROUP.length()) : "";
            if (Optimizer.SCHEDULER_ENTRIES.contains(k)) entries.put(k, StateDicts.getDouble(sd, key));
        }
        // Last check, first change: readGroup validates before it assigns, and nothing below throws.
        opt.readGroup(sd, GROUP);
        opt.states().commit(state);
        opt.groupEntries().replace(entries);
    }
}
