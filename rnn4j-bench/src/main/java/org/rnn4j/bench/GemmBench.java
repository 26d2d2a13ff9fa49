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
 * Square sgemm, C = op(A)·op(B) with beta 0, in three layouts. Reports ms per call; GFLOP/s is
 * {@code 2·size³ / time} (2147.5 / ms for size 1024).
 *
 * <pre>
 * mvn -q -B -pl rnn4j-bench -am package -DskipTests
 * java -jar rnn4j-bench/target/benchmarks.jar GemmBench                 # both cores
 * java -jar rnn4j-bench/target/benchmarks.jar GemmBench -jvmArgsAppend -XX:ActiveProcessorCount=1
 * java -jar rnn4j-bench/target/benchmarks.jar GemmBench -jvmArgsAppend -Drnn4j.vector=false
 * </pre>
 * The library sizes its thread pool from availableProcessors(), hence ActiveProcessorCount
 * for the one-thread number. The fork always gets {@code --add-modules jdk.incubator.vector}
 * (prepended, so {@code -jvmArgsAppend} on the command line does not drop it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class GemmBench {
    @Param({"1024"})
    int size;

    /** NN: A[m,k]·B[k,n]; NT: A·Bᵀ with B stored [n,k]; TN: Aᵀ·B with A stored [k,m]. */
    @Param({"NN", "NT", "TN"})
    String layout;

    float[] a, b, c;

    @Setup
    public void setup() {
        Random rnd = new Random(42);
        a = new float[size * size];
        b = new float[size * size];
        c = new float[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
            b[i] = rnd.nextFloat() - 0.5f;
        }
    }

    @Benchmark
    public float[] sgemm() {
        boolean transA = layout.charAt(0) == 'T';
        boolean transB = layout.charAt(1) == 'T';
        Gemm.sgemm(transA, transB, size, size, size, a, 0, size, b, 0, size, 0f, c, 0, size);
        return c;
    }
}
