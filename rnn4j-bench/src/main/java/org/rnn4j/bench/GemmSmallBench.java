package org.rnn4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rnn4j.tensor.cpu.gemm.Gemm;

/**
 * The small products a recurrent layer issues every time step, where call overhead (packing,
 * thread handoff) matters more than flops. Shapes are {@code m x n x k} with B transposed, as
 * {@code RecurrentScan} calls them: h[B,H]·W_hhᵀ and x[T·B,I]·W_ihᵀ.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class GemmSmallBench {
    /** Sine demo step (H=16), its input projection (T·B=49, I=1), a batched LSTM step. */
    @Param({"1x16x16", "1x64x16", "49x16x1", "32x256x64", "1x1024x256"})
    String shape;

    int m, n, k;
    float[] a, b, c;

    @Setup
    public void setup() {
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        n = Integer.parseInt(d[1]);
        k = Integer.parseInt(d[2]);
        Random rnd = new Random(42);
        a = new float[m * k];
        b = new float[n * k];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
    }

    @Benchmark
    public float[] sgemmNT() {
        Gemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, 0f, c, 0, n);
        return c;
    }
}
