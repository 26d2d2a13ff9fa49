package org.rnn4j.tensor;

import java.util.Arrays;
import org.rnn4j.internal.BuildScope;
import org.rnn4j.internal.RandomFill;

/** New tensors: from data, constant, random, evenly spaced. */
final class CreationOps {
    private CreationOps() {}

    static Tensor of(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return Tensor.wrap(data.clone(), shape);
    }

    static Tensor ofLongs(long[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return Tensor.wrapLongs(data.clone(), shape);
    }

    static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    static Tensor zeros(DType dtype, int... shape) {
        Shapes.checkShape(shape);
        int n = Shapes.numel(shape);
        long bytes = dtype == DType.FLOAT32 ? 4L * n : 8L * n;
        checkHeap(bytes, shape);
        BuildScope.charge(bytes, shape); // a module being loaded from a file may not outgrow its weights
        return dtype == DType.FLOAT32 ? Tensor.wrap(new float[n], shape) : Tensor.wrapLongs(new long[n], shape);
    }

    /** A tensor that cannot fit in the heap at all is bad input, not an OutOfMemoryError. */
    private static void checkHeap(long bytes, int[] shape) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max / 2) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs "
                    + (bytes >> 20) + " MiB, more than half the maximum heap (" + (max >> 20)
                    + " MiB); give the JVM more memory (-Xmx) or use smaller sizes");
        }
    }

    static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** Samples of N(0, 1), one {@link Generator#nextGaussian()} per element in row-major order. */
    static Tensor randn(Generator g, int... shape) {
        requireGenerator(g, "randn");
        Tensor t = zeros(shape);
        RandomFill.normal(g, t.data, 0, t.data.length, 0, 1);
        return t;
    }

    /** Samples of U[0, 1), one {@link Generator#nextDouble()} per element in row-major order. */
    static Tensor rand(Generator g, int... shape) {
        requireGenerator(g, "rand");
        Tensor t = zeros(shape);
        RandomFill.uniform(g, t.data, 0, t.data.length, 0, 1);
        return t;
    }

    private static void requireGenerator(Generator g, String op) {
        if (g == null) {
            throw new IllegalArgumentException(op + "(): argument 'generator' must be a Generator, not null");
        }
    }

    /** x_i = start + i (end - start) / (steps - 1), the last exactly end, as numpy and torch compute them. */
    static Tensor linspace(double start, double end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("number of steps must be non-negative, got " + steps);
        float[] v = new float[steps];
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) v[i] = (float) (start + i * step);
        if (steps > 1) v[steps - 1] = (float) end;
        return Tensor.wrap(v, steps);
    }
}
