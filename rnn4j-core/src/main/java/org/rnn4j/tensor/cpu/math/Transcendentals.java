package org.rnn4j.tensor.cpu.math;

/**
 * In-place sigmoid and tanh over array ranges: the Vector API implementation when module
 * {@code jdk.incubator.vector} is present (and {@code -Drnn4j.vector=false} is not set), the
 * scalar one otherwise. Both give bit-identical results ({@link FastMath}).
 */
public interface Transcendentals {
    /** a[off .. off+n) = sigmoid(a[...]). */
    void sigmoid(float[] a, int off, int n);

    /** a[off .. off+n) = tanh(a[...]). */
    void tanh(float[] a, int off, int n);

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
