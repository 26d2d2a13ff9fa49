package org.rnn4j.tensor.cpu;

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

    /** Resolved once, without linking the Vector API class when the module is absent. */
    final class Holder {
        static final Transcendentals SCALAR = new ScalarMath();
        static final Transcendentals BEST = resolve();

        private Holder() {}

        private static Transcendentals resolve() {
            if (!Boolean.parseBoolean(System.getProperty("rnn4j.vector", "true"))) return SCALAR;
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return SCALAR;
            try {
                return (Transcendentals) Class.forName("org.rnn4j.tensor.cpu.VectorMath")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return SCALAR;
            }
        }
    }
}
