package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

import org.rnn4j.tensor.cpu.math.FastMath;
import org.rnn4j.tensor.cpu.math.RowSoftmax;
import org.rnn4j.tensor.cpu.math.Transcendentals;

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
 * Rows go through {@link RowSoftmax} (vectorised exp, sums in double); a lane that is not
 * contiguous (dim is not the last) is copied into a row first, so every layout gives the same
 * bits. A lane holding NaN gives NaN, one of all -∞ gives NaN (softmax) or -∞ (logsumexp), as
 * in PyTorch.
 */
final class SoftmaxOps {
    private static final Transcendentals MATH = Transcendentals.get();

    private SoftmaxOps() {}

    /** One lane at a time as a contiguous row: the tensor's own storage, or a copy when strided. */
    private static final class Rows {
        private final DimSlices s;
        private final float[] data;
        private final int offset;
        private final float[] copy;
        float[] row;
        int at;

        Rows(DimSlices s, Tensor contiguous) {
            this.s = s;
            this.data = contiguous.data;
            this.offset = contiguous.offset;
            this.copy = s.inner() == 1 ? null : new float[s.size()];
        }

        /** Points {@code row}/{@code at} at lane l. */
        void load(int l) {
            int p = offset + s.base(l);
            if (copy == null) {
                row = data;
                at = p;
                return;
            }
            for (int k = 0; k < copy.length; k++, p += s.inner()) copy[k] = data[p];
            row = copy;
            at = 0;
        }
    }

    static Tensor softmax(Tensor t, int dim) {
        DTypeOps.requireFloat("softmax", t);
        DimSlices s = DimSlices.of(t, dim);
        Rows rows = new Rows(s, t.contiguous());
        float[] y = new float[t.numel()];
        float[] e = new float[s.size()];
        for (int l = 0; l < s.lanes(); l++) {
            rows.load(l);
            float m = RowSoftmax.max(rows.row, rows.at, s.size());
            float inv = (float) (1.0 / RowSoftmax.expSum(rows.row, rows.at, m, e, 0, s.size()));
            for (int k = 0, q = s.base(l); k < s.size(); k++, q += s.inner()) y[q] = e[k] * inv;
        }
        Tensor out = Tensor.wrap(y, t.shape);
        return record(out, "SoftmaxBackward0", g -> new Tensor[] {softmaxBackward(s, g, y)}, t);
    }

    static Tensor logSoftmax(Tensor t, int dim) {
        DTypeOps.requireFloat("log_softmax", t);
        DimSlices s = DimSlices.of(t, dim);
        Rows rows = new Rows(s, t.contiguous());
        float[] y = new float[t.numel()];
        float[] e = new float[s.size()];
        for (int l = 0; l < s.lanes(); l++) {
            rows.load(l);
            float m = RowSoftmax.max(rows.row, rows.at, s.size());
            double shift = m + Math.log(RowSoftmax.expSum(rows.row, rows.at, m, e, 0, s.size()));
            for (int k = 0, q = s.base(l); k < s.size(); k++, q += s.inner()) {
                y[q] = (float) (rows.row[rows.at + k] - shift);
            }
        }
        Tensor out = Tensor.wrap(y, t.shape);
        return record(out, "LogSoftmaxBackward0", g -> new Tensor[] {logSoftmaxBackward(s, g, y)}, t);
    }

    static Tensor logsumexp(Tensor t, int dim, boolean keepDim) {
        DTypeOps.requireFloat("logsumexp", t);
        DimSlices s = DimSlices.of(t, dim);
        Tensor c = t.contiguous();
        Rows rows = new Rows(s, c);
        float[] y = new float[s.lanes()];
        float[] e = new float[s.size()];
        for (int l = 0; l < y.length; l++) {
            rows.load(l);
            float m = RowSoftmax.max(rows.row, rows.at, s.size());
            if (Float.isInfinite(m)) m = 0f; // all -inf gives log 0 = -inf, a +inf gives +inf
            y[l] = (float) (m + Math.log(RowSoftmax.expSum(rows.row, rows.at, m, e, 0, s.size())));
        }
        Tensor out = Tensor.wrap(y, s.reduced(keepDim));
        return record(out, "LogsumexpBackward0", g -> new Tensor[] {logsumexpBackward(s, g, c, y)}, t);
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
        if (s.inner() == 1) MATH.expShifted(y, 0, 0f, dx, 0, y.length); // dx = softmax, then fixed up per lane
        for (int l = 0; l < s.lanes(); l++) {
            int p = s.base(l);
            double sum = 0;
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) sum += g[q];
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) {
                float soft = s.inner() == 1 ? dx[q] : FastMath.exp(y[q]);
                dx[q] = (float) (g[q] - soft * sum);
            }
        }
        return Tensor.wrap(dx, s.shape());
    }

    private static Tensor logsumexpBackward(DimSlices s, Tensor grad, Tensor c, float[] y) {
        float[] g = grad.toFloatArray();
        float[] dx = new float[c.numel()];
        for (int l = 0; l < s.lanes(); l++) {
            int p = s.base(l);
            if (s.inner() == 1) MATH.expShifted(c.data, c.offset + p, y[l], dx, p, s.size());
            for (int k = 0, q = p; k < s.size(); k++, q += s.inner()) {
                float e = s.inner() == 1 ? dx[q] : FastMath.exp(c.data[c.offset + q] - y[l]);
                dx[q] = g[l] * e;
            }
        }
        return Tensor.wrap(dx, s.shape());
    }
}
