package org.rnn4j.tensor.cpu;

/**
 * Picks the Vector API implementation of a kernel interface when module
 * {@code jdk.incubator.vector} is present and {@code -Drnn4j.vector=false} is not set, the scalar
 * one otherwise, without linking the vector class when the module is absent.
 */
final class VectorSupport {
    private VectorSupport() {}

    /** Whether the Vector API implementations are used. */
    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("rnn4j.vector", "true"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** An instance of the named class (package org.rnn4j.tensor.cpu) if enabled(), else scalar. */
    static <T> T best(Class<T> type, String vectorClass, T scalar) {
        if (!enabled()) return scalar;
        try {
            return type.cast(Class.forName("org.rnn4j.tensor.cpu." + vectorClass)
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return scalar;
        }
    }
}
