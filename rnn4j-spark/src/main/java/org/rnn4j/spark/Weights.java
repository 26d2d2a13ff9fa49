package org.rnn4j.spark;

import java.util.List;
import org.rnn4j.nn.Module;
import org.rnn4j.tensor.Tensor;

/** A module's parameters and their gradients as one flat float array, in {@code parameters()} order. */
final class Weights {
    private Weights() {}

    static int count(Module m) {
        int n = 0;
        for (Tensor p : m.parameters()) n += p.numel();
        return n;
    }

    /** The parameters' values, concatenated. */
    static float[] flatten(Module m) {
        float[] out = new float[count(m)];
        int at = 0;
        for (Tensor p : m.parameters()) {
            float[] v = p.contiguous().toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Copies {@code values} (as {@link #flatten} lays them out) into the parameters, in place. */
    static void load(Module m, float[] values) {
        if (values.length != count(m)) {
            throw new IllegalArgumentException("weights: expected " + count(m) + " values for the module's parameters,"
                    + " got " + values.length);
        }
        int at = 0;
        for (Tensor p : m.parameters()) {
            int n = p.numel();
            p.copyFrom(Tensor.of(java.util.Arrays.copyOfRange(values, at, at + n), p.shape()));
            at += n;
        }
    }

    /** The parameters' gradients (zeros where none flowed), concatenated, then {@code extra} as the last element. */
    static float[] gradients(Module m, float extra) {
        List<Tensor> params = m.parameters();
        float[] out = new float[count(m) + 1];
        int at = 0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) System.arraycopy(g.contiguous().toFloatArray(), 0, out, at, p.numel());
            at += p.numel();
        }
        out[at] = extra;
        return out;
    }

    /** Sets each parameter's gradient from {@code flat} (as {@link #gradients} lays them out; a trailing extra is ignored). */
    static void setGradients(Module m, float[] flat) {
        int at = 0;
        for (Tensor p : m.parameters()) {
            int n = p.numel();
            p.setGrad(Tensor.of(java.util.Arrays.copyOfRange(flat, at, at + n), p.shape()));
            at += n;
        }
    }
}
