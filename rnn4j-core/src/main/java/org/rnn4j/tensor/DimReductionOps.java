package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

/**
 * Reductions along one dimension, each one autograd node:
 * <pre>
 *   mean(x)  = Σ_k x_k / n                 dx_k = g / n           (n = 0 gives NaN, as PyTorch)
 *   amax(x)  = max_k x_k                   dx_k = g / c where x_k = amax(x), else 0
 *   argmax(x) = first k with x_k = max     (INT64, not differentiable)
 * </pre>
 * {@code c} counts the ties, so the gradient is split evenly among them as PyTorch's amax does.
 * NaN is the maximum of any lane holding one: amax gives NaN and a gradient of NaN for the lane
 * (PyTorch's {@code g / 0 * 0}), argmax the first NaN's index. amax and argmax also take INT64.
 */
final class DimReductionOps {
    private DimReductionOps() {}

    static Tensor mean(Tensor t, int dim, boolean keepDim) {
        DTypeOps.requireFloat("mean", t);
        DimSlices s = DimSlices.of(t, dim);
        Tensor c = t.contiguous();
        float[] y = new float[s.lanes()];
        for (int l = 0; l < y.length; l++) {
            double sum = 0;
            for (int k = 0, q = c.offset + s.base(l); k < s.size(); k++, q += s.inner()) sum += c.data[q];
            y[l] = (float) (sum / s.size());
        }
        Tensor out = Tensor.wrap(y, s.reduced(keepDim));
        return record(out, "MeanBackward1", g -> {
            float[] gl = g.toFloatArray();
            float[] dx = new float[t.numel()];
            for (int l = 0; l < gl.length; l++) {
                float v = gl[l] / s.size();
                for (int k = 0, q = s.base(l); k < s.size(); k++, q += s.inner()) dx[q] = v;
            }
            return new Tensor[] {Tensor.wrap(dx, s.shape())};
        }, t);
    }

    static Tensor amax(Tensor t, int dim, boolean keepDim) {
        DimSlices s = nonEmpty("amax", t, dim);
        if (t.longs != null) return Tensor.wrapLongs(maxLongs(t, s, false), s.reduced(keepDim));
        Tensor c = t.contiguous();
        float[] y = new float[s.lanes()];
        for (int l = 0; l < y.length; l++) {
            int q = c.offset + s.base(l);
            float m = c.data[q];
            for (int k = 1; k < s.size(); k++) {
                q += s.inner();
                float v = c.data[q];
                if (v > m || v != v) m = v; // once m is NaN nothing replaces it
            }
            y[l] = m;
        }
        Tensor out = Tensor.wrap(y, s.reduced(keepDim));
        return record(out, "AmaxBackward0", g -> new Tensor[] {amaxBackward(s, g, c, y)}, t);
    }

    static Tensor argmax(Tensor t, int dim, boolean keepDim) {
        DimSlices s = nonEmpty("argmax", t, dim);
        if (t.longs != null) return Tensor.wrapLongs(maxLongs(t, s, true), s.reduced(keepDim));
        Tensor c = t.contiguous();
        long[] idx = new long[s.lanes()];
        for (int l = 0; l < idx.length; l++) {
            int q = c.offset + s.base(l);
            float best = c.data[q];
            int at = 0;
            for (int k = 1; k < s.size() && best == best; k++) { // stop at the first NaN: it is the max
                q += s.inner();
                float v = c.data[q];
                if (v > best || v != v) {
                    best = v;
                    at = k;
                }
            }
            idx[l] = at;
        }
        return Tensor.wrapLongs(idx, s.reduced(keepDim));
    }

    /** The lanes of t along dim, which must not be empty: PyTorch has no max of nothing. */
    private static DimSlices nonEmpty(String op, Tensor t, int dim) {
        DimSlices s = DimSlices.of(t, dim);
        if (s.size() == 0) {
            throw new IllegalArgumentException(op + "(): Expected reduction dim " + s.dim()
                    + " to have non-zero size (input of shape " + Shapes.str(t.shape) + ")");
        }
        return s;
    }

    /** Per lane the largest value of an INT64 tensor, or its first index if {@code index}. */
    private static long[] maxLongs(Tensor t, DimSlices s, boolean index) {
        long[] v = t.toLongArray();
        long[] out = new long[s.lanes()];
        for (int l = 0; l < out.length; l++) {
            int q = s.base(l);
            long best = v[q];
            int at = 0;
            for (int k = 1; k < s.size(); k++) {
                q += s.inner();
                if (v[q] > best) {
                    best = v[q];
                    at = k;
                }
            }
            out[l] = index ? at : best;
        }
        return out;
    }

    private static Tensor amaxBackward(DimSlices s, Tensor grad, Tensor c, float[] y) {
        float[] g = grad.toFloatArray();
        float[] dx = new float[c.numel()];
        for (int l = 0; l < y.length; l++) {
            int p = s.base(l);
            int ties = 0;
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) if (c.data[c.offset + q] == y[l]) ties++;
            float share = ties == 0 ? Float.NaN : g[l] / ties; // ties == 0 only when the max is NaN
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) {
                dx[q] = ties == 0 || c.data[c.offset + q] == y[l] ? share : 0f;
            }
        }
        return Tensor.wrap(dx, s.shape());
    }
}
