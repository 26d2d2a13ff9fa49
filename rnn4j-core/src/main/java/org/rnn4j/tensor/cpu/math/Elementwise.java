package org.rnn4j.tensor.cpu.math;

/**
 * The plain element-wise loops of the cells and scans (sums of projections, the LSTM cell
 * update, biases) over array ranges: the Vector API implementation when available
 * ({@link VectorSupport}), the scalar one otherwise. C2 does not vectorise these loops itself
 * (the arrays might alias), and they cost as much as the activations did. Each element is
 * computed by the same float operations in the same order (never a fused multiply-add), so both
 * implementations give the same bits. {@code out} may be one of the inputs at the same offset.
 */
public interface Elementwise {
    /** out[i] = x[i] + y[i]. */
    void add(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n);

    /** out[i] = x[i] * y[i]. */
    void mul(float[] x, int xo, float[] y, int yo, float[] out, int oo, int n);

    /** out[i] = x[i] + w[i] * y[i]. */
    void addMul(float[] x, int xo, float[] w, int wo, float[] y, int yo, float[] out, int oo, int n);

    /** out[i] = a[i] * b[i] + c[i] * d[i]. */
    void mulAddMul(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] d, int dOff,
                   float[] out, int oo, int n);

    /** out[i] = (a[i] - b[i]) * c[i] + b[i]. */
    void lerp(float[] a, int ao, float[] b, int bo, float[] c, int co, float[] out, int oo, int n);

    /** The fastest implementation available. */
    static Elementwise get() {
        return Holder.BEST;
    }

    /** The scalar implementation (for tests that compare the two). */
    static Elementwise scalar() {
        return Holder.SCALAR;
    }

    /** Resolved once. */
    final class Holder {
        static final Elementwise SCALAR = new ScalarElementwise();
        static final Elementwise BEST = VectorSupport.best(Elementwise.class, "VectorElementwise", SCALAR);

        private Holder() {}
    }
}
