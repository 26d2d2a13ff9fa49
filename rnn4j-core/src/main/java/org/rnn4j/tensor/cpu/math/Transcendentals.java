package org.rnn4j.tensor.cpu.math;

/**
 * In-place sigmoid and tanh, shifted exp and the maximum (softmax rows), over array ranges: the Vector API implementation when module
 * {@code jdk.incubator.vector} is present (and {@code -Drnn4j.vector=false} is not set), the
 * scalar one otherwise. Both give bit-identical results ({@link FastMath}).
 */
public interface Transcendentals {
    /** a[off .. off+n) = sigmoid(a[...]). */
    void sigmoid(float[] a, int off, int n);

    /** a[off .. off+n) = tanh(a[...]). */
    void tanh(float[] a, int off, int n);

    /** out[oo .. oo+n) = e^(x[xo .. xo+n) - shift), the shift subtracted in float (softmax rows). */
    void expShifted(float[] x, int xo, float shift, float[] out, int oo, int n);

    /**
     * max(x[off .. off+n)) with {@link Math#max}'s rules (NaN if any element is NaN), -inf for
     * n = 0, and +0 for a zero maximum whatever the signs, so that every order gives one answer.
     */
    float max(float[] x, int off, int n);

    /** The fastest implementation available. */
    static Transcendentals get() {
        return Holder.BEST;
    }

    /** The scalar implementation (for tests that compare the two). */
    static Transcendentals scalar() {
        return Holder.SCALAR;
    }

    /** Resolved once ({@link VectorSupport}). */
    final class Holder {
        static final Transcendentals SCALAR = new ScalarMath();
        static final Transcendentals BEST = VectorSupport.best(Transcendentals.class, "VectorMath", SCALAR);

        private Holder() {}
    }
}
