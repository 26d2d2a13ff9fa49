package org.rnn4j.tensor.cpu.math;

/**
 * The row kernels of softmax, log-softmax, logsumexp and the fused cross-entropy, over
 * contiguous rows of float arrays (llm.c style: arrays, offsets, sizes; no autograd). Results do
 * not depend on whether the Vector API is present: the exponentials are {@link FastMath#exp}
 * lane for lane ({@link Transcendentals#expShifted}) and the sums run in one fixed order.
 */
public final class RowSoftmax {
    private static final Transcendentals MATH = Transcendentals.get();

    private RowSoftmax() {}

    /** The largest element of {@code x[off .. off+n)}: NaN if the row holds one, -inf for n = 0 ({@link Transcendentals#max}). */
    public static float max(float[] x, int off, int n) {
        return MATH.max(x, off, n);
    }

    /**
     * {@code e[eo + i] = e^(x[xo + i] - shift)} for i &lt; n, and returns {@code Σ_i e[eo + i]}.
     *
     * @param x     [n] the row
     * @param shift usually the row's max, so that no exponential overflows
     * @param e     [n] receives the exponentials (may be x itself at the same offset)
     */
    public static double expSum(float[] x, int xo, float shift, float[] e, int eo, int n) {
        MATH.expShifted(x, xo, shift, e, eo, n);
        return sum(e, eo, n);
    }

    /** Σ a[off .. off+n) in double, in four interleaved partial sums (a fixed order, not a chain of n adds). */
    public static double sum(float[] a, int off, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[off + i];
            s1 += a[off + i + 1];
            s2 += a[off + i + 2];
            s3 += a[off + i + 3];
        }
        for (; i < n; i++) s0 += a[off + i];
        return (s0 + s1) + (s2 + s3);
    }
}
