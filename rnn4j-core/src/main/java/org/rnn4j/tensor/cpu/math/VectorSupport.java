package org.rnn4j.tensor.cpu.math;

/**
 * Picks the Vector API implementation of a kernel interface when module
 * {@code jdk.incubator.vector} is present and {@code -Drnn4j.vector=false} is not set, the scalar
 * one otherwise, without linking the vector class when the module is absent.
 */
public final class VectorSupport {
    private VectorSupport() {}

    /** Whether the Vector API implementations are used. */
    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("rnn4j.vector", "true"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * An instance of the named class, in {@code type}'s package, if enabled(), else scalar. The
     * class may be package-private: only its no-argument constructor is called.
     */
    public static <T> T best(Class<T> type, String vectorClass, T scalar) {
        if (!enabled()) return scalar;
        try {
            var constructor = Class.forName(type.getPackageName() + "." + vectorClass).getDeclaredConstructor();
            constructor.setAccessible(true);
            return type.cast(constructor.newInstance());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return scalar;
        }
    }
}
