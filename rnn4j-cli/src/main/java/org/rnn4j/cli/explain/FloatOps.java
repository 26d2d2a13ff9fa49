package org.rnn4j.cli.explain;

import java.util.Arrays;
import java.util.Map;
import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.Tensor;

/** Plain float32 vector arithmetic for the tracers, with no autograd and no kernels. */
final class FloatOps {
    private FloatOps() {}

    /**
     * out[r] = Σ_k w[rowOff + r, k] v[k] for r in [0, rows); w [*, cols] row-major.
     */
    static float[] matvec(float[] w, int rowOff, int rows, int cols, float[] v) {
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            float s = 0f;
            for (int k = 0; k < cols; k++) s += w[(rowOff + r) * cols + k] * v[k];
            out[r] = s;
        }
        return out;
    }

    /** a + b (a new array). */
    static float[] add(float[] a, float[] b) {
        float[] out = a.clone();
        for (int i = 0; i < out.length; i++) out[i] += b[i];
        return out;
    }

    /** a + b[off .. off + a.length), or a copy of a if b is null. */
    static float[] addSlice(float[] a, float[] b, int off) {
        float[] out = a.clone();
        if (b != null) for (int i = 0; i < out.length; i++) out[i] += b[off + i];
        return out;
    }

    static float[] mul(float[] a, float[] b) {
        float[] out = a.clone();
        for (int i = 0; i < out.length; i++) out[i] *= b[i];
        return out;
    }

    static float[] apply(Activation act, float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = act.apply(v[i]);
        return out;
    }

    /** The dense values of a state dict entry, or null when absent (e.g. biases with bias=False). */
    static float[] param(Map<String, Tensor> stateDict, String name) {
        Tensor t = stateDict.get(name);
        return t == null ? null : t.toFloatArray();
    }

    static float[] required(Map<String, Tensor> stateDict, String name) {
        float[] v = param(stateDict, name);
        if (v == null) {
            throw new IllegalArgumentException("the weights have no '" + name + "' (they have " + stateDict.keySet() + ")");
        }
        return v;
    }

    static float[] zeros(int n) {
        float[] z = new float[n];
        Arrays.fill(z, 0f);
        return z;
    }
}
