package org.rnn4j.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.tensor.Tensor;

/**
 * The per-parameter state of an optimizer, PyTorch's {@code optimizer.state[p]}: an optional step
 * count and named float32 buffers shaped like the parameter, allocated at the parameter's first
 * step with a gradient. In a state dict it reads {@code state.{i}.step} and
 * {@code state.{i}.{name}}, {@code i} the parameter's position; a parameter that never had a
 * gradient has no entries, as in PyTorch.
 */
final class ParamStates {
    private static final String PREFIX = "state.";

    private final String optimizer;
    private final List<Tensor> params;
    private final boolean counted;
    private final List<String> names;
    private final Set<String> required;
    private int[] steps;
    /** [slot][parameter], null until allocated. */
    private float[][][] buffers;

    /**
     * @param optimizer the optimizer's name, for messages
     * @param counted   whether the state holds PyTorch's {@code step}
     * @param names     the buffers' PyTorch names, in PyTorch's order; a buffer's slot is its index here
     * @param required  the buffers every parameter with state has (the others are allocated
     *                  lazily, as zeros, when an option needs them)
     */
    ParamStates(String optimizer, List<Tensor> params, boolean counted, List<String> names, Set<String> required) {
        this.optimizer = optimizer;
        this.params = params;
        this.counted = counted;
        this.names = List.copyOf(names);
        this.required = Set.copyOf(required);
        this.steps = new int[params.size()];
        this.buffers = new float[names.size()][params.size()][];
    }

    /** Counts one more step of parameter {@code i} and returns the new count (1 at its first step). */
    int nextStep(int i) {
        return ++steps[i];
    }

    /** The buffer in {@code slot} of parameter {@code i}, or null if it has none yet. */
    float[] buffer(int slot, int i) {
        return buffers[slot][i];
    }

    /** The buffer in {@code slot} of parameter {@code i}, allocated as {@code n} zeros if absent. */
    float[] bufferOrZeros(int slot, int i, int n) {
        float[] b = buffers[slot][i];
        if (b == null) b = buffers[slot][i] = new float[n];
        return b;
    }

    private boolean hasState(int i) {
        if (counted && steps[i] > 0) return true;
        for (float[][] slot : buffers) if (slot[i] != null) return true;
        return false;
    }

    /** Writes every parameter's state as {@code state.{i}.{key}} (copies). */
    void write(Map<String, Tensor> out) {
        for (int i = 0; i < params.size(); i++) {
            if (!hasState(i)) continue;
            String p = PREFIX + i + ".";
            if (counted) StateDicts.putLong(out, p + "step", steps[i]);
            for (int s = 0; s < names.size(); s++) {
                float[] b = buffers[s][i];
                if (b != null) out.put(p + names.get(s), Tensor.of(b, params.get(i).shape()));
            }
        }
    }

    /** Whether {@code key} belongs to the per-parameter state. */
    static boolean owns(String key) {
        return key.startsWith(PREFIX);
    }

    /** State read from a state dict and checked, not yet in use (see {@link #commit}). */
    record Loaded(int[] steps, float[][][] buffers) {
    }

    /**
     * Reads and checks the {@code state.*} entries of {@code sd}, copying the tensors.
     *
     * @throws IllegalArgumentException for an unexpected key, an unknown parameter index, a missing
     *     step or required buffer, a wrong shape, or a step that is not a non-negative integer
     */
    Loaded read(Map<String, Tensor> sd) {
        int n = params.size();
        boolean[] present = new boolean[n];
        for (String key : sd.keySet()) {
            if (!owns(key)) continue;
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            int i = dot > 0 ? index(rest.substring(0, dot)) : -1;
            String name = dot > 0 ? rest.substring(dot + 1) : "";
            boolean known = (counted && (name.equals("step") || name.equals("step" + StateDicts.EXACT_SUFFIX)))
                    || names.contains(name);
            if (i < 0 || !known) {
                throw new IllegalArgumentException("unexpected key '" + key + "' in state dict: " + optimizer
                        + " keeps state." + "{i}." + (counted ? "step, " : "") + String.join(", ", names));
            }
            if (i >= n) {
                throw new IllegalArgumentException("unknown parameter index " + i + " in state dict key '" + key
                        + "': the optimizer has " + n + " parameters (indices 0 to " + (n - 1) + ")");
            }
            present[i] = true;
        }
        int[] newSteps = new int[n];
        float[][][] newBuffers = new float[names.size()][n][];
        for (int i = 0; i < n; i++) {
            if (!present[i]) continue;
            String p = PREFIX + i + ".";
            if (counted) {
                newSteps[i] = StateDicts.getInt(sd, p + "step");
                if (newSteps[i] < 0) {
                    throw new IllegalArgumentException("state dict key '" + p + "step': expected a non-negative "
                            + "integer, got " + newSteps[i]);
                }
            }
            int[] shape = params.get(i).shape();
            for (int s = 0; s < names.size(); s++) {
                String key = p + names.get(s);
                Tensor t = required.contains(names.get(s)) ? StateDicts.require(sd, key) : sd.get(key);
                if (t == null) continue;
                if (!Arrays.equals(t.shape(), shape)) {
                    throw new IllegalArgumentException("size mismatch for state dict key '" + key + "': expected shape "
                            + Arrays.toString(shape) + " (parameter " + i + "), got shape " + Arrays.toString(t.shape()));
                }
                newBuffers[s][i] = t.toFloatArray();
            }
        }
        return new Loaded(newSteps, newBuffers);
    }

    /** Puts state read by {@link #read} in use, replacing all current state. */
    void commit(Loaded loaded) {
        steps = loaded.steps();
        buffers = loaded.buffers();
    }

    private static int index(String s) {
        // PyTorch writes plain decimal indices: "01" or "+1" would alias "1".
        if (s.isEmpty() || s.length() > 9 || (s.length() > 1 && s.charAt(0) == '0')) return -1;
        for (int k = 0; k < s.length(); k++) if (s.charAt(k) < '0' || s.charAt(k) > '9') return -1;
        return Integer.parseInt(s);
    }
}
