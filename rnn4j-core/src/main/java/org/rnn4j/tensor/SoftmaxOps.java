package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

import org.rnn4j.tensor.cpu.math.FastMath;

/**
 * Softmax, log-softmax and logsumexp along one dimension, each one autograd node, computed
 * stably around the lane's maximum {@code m}:
 * <pre>
 *   logsumexp(x) = m + log Σ_k e^(x_k - m)          (m = 0 when |m| = ∞, as PyTorch)
 *   softmax(x)_k = e^(x_k - m) / Σ_j e^(x_j - m)
 *   logSoftmax(x)_k = x_k - logsumexp(x)             (never exp-then-log)
 * </pre>
 * Backward, with {@code y} the saved output and {@code g} its gradient:
 * <pre>
 *   softmax:    dx_k = y_k (g_k - Σ_j g_j y_j)
 *   logSoftmax: dx_k = g_k - e^(y_k) Σ_j g_j
 *   logsumexp:  dx_k = g e^(x_k - y)
 * </pre>
 * Sums accumulate in double; e^x is {@link FastMath#exp} (within 2 ulp). A lane holding NaN
 * gives NaN, one of all -∞ gives NaN (softmax) or -∞ (logsumexp), as in PyTorch.
 */
final class SoftmaxOps {
    private SoftmaxOps() {}

    static Tensor softmax(Tensor t, int dim) {
        DTypeOps.requireFloat("softmax", t);
        DimSlices s = DimSlices.of(t, dim);
        Tensor c = t.contiguous();
        float[] y = new float[t.numel()];
        for (int l = 0; l < s.lanes(); l++) {
            int p = s.base(l);
            float m = max(c.data, c.offset + p, s.inner(), s.size());
            double sum = 0;
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) {
                float e = FastMath.exp(c.data[c.offset + q] - m);
                y[q] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) y[q] *= inv;
        }
        Tensor out = Tensor.wrap(y, t.shape);
        return record(out, "SoftmaxBackward0", g -> new Tensor[] {softmaxBackward(s, g, y)}, t);
    }

    static Tensor logSoftmax(Tensor t, int dim) {
        DTypeOps.requireFloat("log_softmax", t);
        DimSlices s = DimSlices.of(t, dim);
        Tensor c = t.contiguous();
        float[] y = new float[t.numel()];
        for (int l = 0; l < s.lanes(); l++) {
            int p = s.base(l);
            float m = max(c.data, c.offset + p, s.inner(), s.size());
            double shift = m + Math.log(sumExp(c.data, c.offset + p, s.inner(), s.size(), m));
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) y[q] = (float) (c.data[c.offset + q] - shift);
        }
        Tensor out = Tensor.wrap(y, t.shape);
        return record(out, "LogSoftmaxBackward0", g -> new Tensor[] {logSoftmaxBackward(s, g, y)}, t);
    }

    static Tensor logsumexp(Tensor t, int dim, boolean keepDim) {
        DTypeOps.requireFloat("logsumexp", t);
        DimSlices s = DimSlices.of(t, dim);
        Tensor c = t.contiguous();
        float[] y = new float[s.lanes()];
        for (int l = 0; l < y.length; l++) {
            int p = c.offset + s.base(l);
            float m = max(c.data, p, s.inner(), s.size());
            if (Float.isInfinite(m)) m = 0f; // all -inf gives log 0 = -inf, a +inf gives +inf
            y[l] = (float) (m + Math.log(sumExp(c.data, p, s.inner(), s.size(), m)));
        }
        Tensor out = Tensor.wrap(y, s.reduced(keepDim));
        return record(out, "LogsumexpBackward0", g -> new Tensor[] {logsumexpBackward(s, g, c, y)}, t);
    }

    /** The largest element of a lane (-inf for an empty one); NaN is left to the sums to spread. */
    static float max(float[] x, int p, int stride, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++, p += stride) if (x[p] > m) m = x[p];
        return m;
    }

    /** Σ_k e^(x_k - m) over a lane, in double. */
    static double sumExp(float[] x, int p, int stride, int n, float m) {
        double sum = 0;
        for (int k = 0; k < n; k++, p += stride) sum += FastMath.exp(x[p] - m);
        return sum;
    }

    private static Tensor softmaxBackward(DimSlices s, Tensor grad, float[] y) {
        float[] g = grad.toFloatArray();
        float[] dx = new float[y.length];
        for (int l = 0; l < s.lanes(); l++) {
            int p = s.base(l);
            double dot = 0;
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) dot += (double) g[q] * y[q];
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) dx[q] = (float) (y[q] * (g[q] - dot));
        }
        return Tensor.wrap(dx, s.shape());
    }

    private static Tensor logSoftmaxBackward(DimSlices s, Tensor grad, float[] y) {
        float[] g = grad.toFloatArray();
        float[] dx = new float[y.length];
        for (int l = 0; l < s.lanes(); l++) {
            int p = s.base(l);
            double sum = 0;
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) sum += g[q];
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) {
                dx[q] = (float) (g[q] - Math.exp(y[q]) * sum);
            }
        }
        return Tensor.wrap(dx, s.shape());
    }

    private static Tensor logsumexpBackward(DimSlices s, Tensor grad, Tensor c, float[] y) {
        float[] g = grad.toFloatArray();
        float[] dx = new float[c.numel()];
        for (int l = 0; l < s.lanes(); l++) {
            int p = s.base(l);
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) {
                dx[q] = (float) (g[l] * Math.exp((double) c.data[c.offset + q] - y[l]));
            }
        }
        return Tensor.wrap(dx, s.shape());
    }
}
