package org.rnn4j.nn;

import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.math.RowSoftmax;
import org.rnn4j.tensor.cpu.math.Transcendentals;

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
 * Nothing of size [N, C] is allocated but the gradient itself: no one-hot, no log-softmax;
 * backward recomputes {@code p} into the gradient's own row. The row kernels are
 * {@link RowSoftmax}'s (vectorised exp, sums in double); strided classes ({@code [N, C, d...]})
 * are copied into one row of C first.
 */
final class CrossEntropyKernel {
    private static final Transcendentals MATH = Transcendentals.get();

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

    /** Row r's C logits as a contiguous row: the input's own storage, or a copy when the classes are strided. */
    static final class Rows {
        private final ClassLayout layout;
        private final float[] data;
        private final int offset;
        private final float[] copy;
        float[] row;
        int at;

        Rows(ClassLayout layout, float[] data, int offset) {
            this.layout = layout;
            this.data = data;
            this.offset = offset;
            this.copy = layout.inner() == 1 ? null : new float[layout.classes()];
        }

        void load(int r) {
            int p = offset + layout.base(r);
            if (copy == null) {
                row = data;
                at = p;
                return;
            }
            for (int c = 0; c < copy.length; c++, p += layout.inner()) copy[c] = data[p];
            row = copy;
            at = 0;
        }
    }

    /** Cross-entropy against class indices (already checked to be in range or ignore). */
    static Tensor classIndices(Tensor input, long[] targets, long ignore, Spec spec) {
        ClassLayout lay = spec.layout();
        Tensor xc = input.detach().contiguous();
        Rows rows = new Rows(lay, TensorAccess.storage(xc), TensorAccess.offset(xc));
        int classes = lay.classes();
        double eps = spec.smoothing();
        double smooth = eps / classes;
        double bigW = spec.weightSum();
        float[] e = new float[classes];
        double[] lse = new double[lay.rows()];
        float[] perRow = new float[lay.rows()];
        double total = 0;
        double divisor = 0;
        for (int r = 0; r < lay.rows(); r++) {
            long t = targets[r];
            if (t == ignore) continue;
            rows.load(r);
            float m = RowSoftmax.max(rows.row, rows.at, classes);
            double l = m + Math.log(RowSoftmax.expSum(rows.row, rows.at, m, e, 0, classes));
            lse[r] = l;
            double wt = spec.weight((int) t);
            double loss = (1 - eps) * wt * (l - rows.row[rows.at + (int) t]);
            if (eps > 0) loss += smooth * (l * bigW - weightedSum(rows.row, rows.at, classes, spec.weight));
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
            float[] w = spec.weight;
            int stride = lay.inner();
            for (int r = 0; r < lay.rows(); r++) {
                long t = targets[r];
                if (t == ignore) continue;
                double s = scale(gv, r, div, spec.reduction());
                double wt = spec.weight((int) t);
                float a = (float) (s * ((1 - eps) * wt + smooth * bigW));
                float b = (float) (s * smooth);
                int p = lay.base(r);
                rows.load(r);
                // p_c = e^(x_c - lse) into the gradient's row (contiguous classes) or a scratch row
                float[] pr = stride == 1 ? dx : e;
                int po = stride == 1 ? p : 0;
                MATH.expShifted(rows.row, rows.at, (float) lse[r], pr, po, classes);
                if (w == null) {
                    for (int c = 0; c < classes; c++) pr[po + c] = a * pr[po + c] - b;
                } else {
                    for (int c = 0; c < classes; c++) pr[po + c] = a * pr[po + c] - b * w[c];
                }
                if (stride != 1) for (int c = 0, q = p; c < classes; c++, q += stride) dx[q] = e[c];
                dx[p + (int) t * stride] -= (float) (s * (1 - eps) * wt);
            }
            return new Tensor[] {TensorAccess.wrap(dx, shape)};
        }, input);
    }

    /** Σ_c w_c x_c over a row (w null: all 1), in double. */
    private static double weightedSum(float[] x, int at, int n, float[] w) {
        if (w == null) return RowSoftmax.sum(x, at, n);
        double s = 0;
        for (int c = 0; c < n; c++) s += (double) w[c] * x[at + c];
        return s;
    }

    /** Cross-entropy against class probabilities {@code target}, shaped like the input. */
    static Tensor probabilities(Tensor input, Tensor target, Spec spec) {
        ClassLayout lay = spec.layout();
        Tensor xc = input.detach().contiguous();
        Tensor qc = target.detach().contiguous();
        Rows rows = new Rows(lay, TensorAccess.storage(xc), TensorAccess.offset(xc));
        Rows probs = new Rows(lay, TensorAccess.storage(qc), TensorAccess.offset(qc));
        int classes = lay.classes();
        double keep = 1 - spec.smoothing();
        double smooth = spec.smoothing() / classes;
        float[] e = new float[classes];
        double[] lse = new double[lay.rows()];
        double[] wq = new double[lay.rows()]; // Σ_c w_c q'_c per row
        float[] perRow = new float[lay.rows()];
        double total = 0;
        for (int r = 0; r < lay.rows(); r++) {
            rows.load(r);
            probs.load(r);
            float m = RowSoftmax.max(rows.row, rows.at, classes);
            double l = m + Math.log(RowSoftmax.expSum(rows.row, rows.at, m, e, 0, classes));
            double sq = 0;
            double sqx = 0;
            for (int c = 0; c < classes; c++) {
                double wqc = spec.weight(c) * (keep * probs.row[probs.at + c] + smooth);
                sq += wqc;
                sqx += wqc * rows.row[rows.at + c];
            }
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
                rows.load(r);
                probs.load(r);
                MATH.expShifted(rows.row, rows.at, (float) lse[r], e, 0, classes);
                for (int c = 0, i = lay.base(r); c < classes; c++, i += lay.inner()) {
                    double w = spec.weight(c);
                    if (wantX) dx[i] = (float) (s * (e[c] * wq[r] - w * (keep * probs.row[probs.at + c] + smooth)));
                    if (wantQ) dq[i] = (float) (s * keep * w * (lse[r] - rows.row[rows.at + c]));
                }
            }
            return new Tensor[] {wantX ? TensorAccess.wrap(dx, shape) : null,
                wantQ ? TensorAccess.wrap(dq, shape) : null};
        }, input, target);
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
