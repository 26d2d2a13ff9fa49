package org.rnn4j.nn;

import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.math.FastMath;

/**
 * Cross-entropy as ONE autograd node: log-softmax and the pick of the target fused in one pass
 * per row, keeping only the row's logsumexp for backward. With logits {@code x} (C per row),
 * {@code lse = m + log Σ_c e^(x_c - m)} ({@code m} the row's max), class weights {@code w}
 * (all 1 when absent, {@code W = Σ_c w_c}) and label smoothing {@code ε}:
 * <pre>
 *   class index t:   l = (1-ε) w_t (lse - x_t) + (ε/C) Σ_c w_c (lse - x_c)     (0 if t = ignore_index)
 *   probabilities q: l = Σ_c w_c q'_c (lse - x_c),   q'_c = (1-ε) q_c + ε/C
 *   MEAN divides Σ l by Σ w_t over the rows not ignored (class index), by the number of rows (probabilities)
 * </pre>
 * Backward is {@code softmax - onehot}, weighted, scaled by the row's upstream gradient {@code s}
 * ({@code g}, {@code g_r} for NONE, {@code g / divisor} for MEAN), and written row by row
 * straight into the input's gradient, with {@code p_c = e^(x_c - lse)} recomputed from the
 * saved lse:
 * <pre>
 *   class index:   dx_c = s [((1-ε) w_t + ε W / C) p_c - (ε/C) w_c - [c = t] (1-ε) w_t]
 *   probabilities: dx_c = s [p_c Σ_k w_k q'_k - w_c q'_c],   dq_c = s (1-ε) w_c (lse - x_c)
 * </pre>
 * Nothing of size [N, C] is allocated but the gradient itself: no one-hot, no log-softmax.
 * Sums are in double; e^x is {@link FastMath#exp}.
 */
final class CrossEntropyKernel {
    private CrossEntropyKernel() {}

    /** The options that shape the computation, resolved for one call. */
    record Spec(ClassLayout layout, float[] weight, Reduction reduction, double smoothing) {
        double weight(int c) {
            return weight == null ? 1 : weight[c];
        }

        double weightSum() {
            if (weight == null) return layout.classes();
            double s = 0;
            for (float v : weight) s += v;
            return s;
        }
    }

    /** Cross-entropy against class indices (already checked to be in range or ignore). */
    static Tensor classIndices(Tensor input, long[] targets, long ignore, Spec spec) {
        ClassLayout lay = spec.layout();
        Tensor xc = input.detach().contiguous();
        float[] x = TensorAccess.storage(xc);
        int xo = TensorAccess.offset(xc);
        int classes = lay.classes();
        int stride = lay.inner();
        double eps = spec.smoothing();
        double smooth = eps / classes;
        double[] lse = new double[lay.rows()];
        float[] perRow = new float[lay.rows()];
        double total = 0;
        double divisor = 0;
        for (int r = 0; r < lay.rows(); r++) {
            long t = targets[r];
            if (t == ignore) continue;
            int p = xo + lay.base(r);
            float m = rowMax(x, p, stride, classes);
            double sum = 0;
            double wx = 0; // Σ_c w_c x_c, for the smoothing term
            for (int c = 0, q = p; c < classes; c++, q += stride) {
                sum += FastMath.exp(x[q] - m);
                wx += spec.weight(c) * x[q];
            }
            double l = m + Math.log(sum);
            lse[r] = l;
            double wt = spec.weight((int) t);
            double loss = (1 - eps) * wt * (l - x[p + (int) t * stride]);
            if (eps > 0) loss += smooth * (l * spec.weightSum() - wx);
            perRow[r] = (float) loss;
            total += loss;
            divisor += wt;
        }
        double div = divisor;
        int[] shape = input.shape();
        Tensor out = reduced(perRow, total, div, spec);
        return TensorAccess.record(out, "CrossEntropyLossBackward", g -> {
            float[] gv = g.toFloatArray();
            float[] dx = new float[xc.numel()];
            double bigW = spec.weightSum();
            for (int r = 0; r < lay.rows(); r++) {
                long t = targets[r];
                if (t == ignore) continue;
                double s = scale(gv, r, div, spec.reduction());
                double wt = spec.weight((int) t);
                float a = (float) (s * ((1 - eps) * wt + smooth * bigW));
                float b = (float) (s * smooth);
                int p = lay.base(r);
                for (int c = 0, q = p; c < classes; c++, q += stride) {
                    float pc = FastMath.exp((float) (x[xo + q] - lse[r]));
                    dx[q] = a * pc - (spec.weight == null ? b : b * spec.weight[c]);
                }
                dx[p + (int) t * stride] -= (float) (s * (1 - eps) * wt);
            }
            return new Tensor[] {TensorAccess.wrap(dx, shape)};
        }, input);
    }

    /** Cross-entropy against class probabilities {@code target}, shaped like the input. */
    static Tensor probabilities(Tensor input, Tensor target, Spec spec) {
        ClassLayout lay = spec.layout();
        Tensor xc = input.detach().contiguous();
        Tensor qc = target.detach().contiguous();
        float[] x = TensorAccess.storage(xc);
        int xo = TensorAccess.offset(xc);
        float[] q = TensorAccess.storage(qc);
        int qo = TensorAccess.offset(qc);
        int classes = lay.classes();
        int stride = lay.inner();
        double keep = 1 - spec.smoothing();
        double smooth = spec.smoothing() / classes;
        double[] lse = new double[lay.rows()];
        double[] wq = new double[lay.rows()]; // Σ_c w_c q'_c per row
        float[] perRow = new float[lay.rows()];
        double total = 0;
        for (int r = 0; r < lay.rows(); r++) {
            int p = lay.base(r);
            float m = rowMax(x, xo + p, stride, classes);
            double sum = 0;
            double sq = 0;
            double sqx = 0;
            for (int c = 0, i = p; c < classes; c++, i += stride) {
                float v = x[xo + i];
                sum += FastMath.exp(v - m);
                double wqc = spec.weight(c) * (keep * q[qo + i] + smooth);
                sq += wqc;
                sqx += wqc * v;
            }
            double l = m + Math.log(sum);
            lse[r] = l;
            wq[r] = sq;
            double loss = l * sq - sqx;
            perRow[r] = (float) loss;
            total += loss;
        }
        double div = lay.rows();
        int[] shape = input.shape();
        Tensor out = reduced(perRow, total, div, spec);
        return TensorAccess.record(out, "CrossEntropyLossBackward", g -> {
            float[] gv = g.toFloatArray();
            boolean wantX = input.requiresGrad();
            boolean wantQ = target.requiresGrad();
            float[] dx = wantX ? new float[xc.numel()] : null;
            float[] dq = wantQ ? new float[xc.numel()] : null;
            for (int r = 0; r < lay.rows(); r++) {
                double s = scale(gv, r, div, spec.reduction());
                int p = lay.base(r);
                for (int c = 0, i = p; c < classes; c++, i += stride) {
                    double w = spec.weight(c);
                    double d = x[xo + i] - lse[r];
                    if (wantX) dx[i] = (float) (s * (FastMath.exp((float) d) * wq[r] - w * (keep * q[qo + i] + smooth)));
                    if (wantQ) dq[i] = (float) (-s * keep * w * d);
                }
            }
            return new Tensor[] {wantX ? TensorAccess.wrap(dx, shape) : null,
                wantQ ? TensorAccess.wrap(dq, shape) : null};
        }, input, target);
    }

    /** The largest logit of a row; NaN is left to the sum (e^NaN makes the row's loss NaN). */
    static float rowMax(float[] x, int p, int stride, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++, p += stride) if (x[p] > m) m = x[p];
        return m;
    }

    /** NONE: the per-row losses shaped like the target rows; MEAN, SUM: a 0-dim tensor. */
    private static Tensor reduced(float[] perRow, double total, double divisor, Spec spec) {
        switch (spec.reduction()) {
            case NONE: return TensorAccess.wrap(perRow, spec.layout().rowShape());
            case MEAN: return TensorAccess.wrap(new float[] {(float) (total / divisor)});
            default: return TensorAccess.wrap(new float[] {(float) total});
        }
    }

    /** The upstream gradient of row r's loss. */
    static double scale(float[] g, int r, double divisor, Reduction reduction) {
        switch (reduction) {
            case NONE: return g[r];
            case MEAN: return g[0] / divisor;
            default: return g[0];
        }
    }
}
