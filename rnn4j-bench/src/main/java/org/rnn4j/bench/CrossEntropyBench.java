package org.rnn4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rnn4j.nn.CrossEntropyLoss;
import org.rnn4j.tensor.Tensor;

/**
 * Cross-entropy forward + backward at a character language model's step (32 sequences x 128
 * steps = 4096 rows, 65 classes): the fused node of {@link CrossEntropyLoss} against the same
 * loss composed from tensor ops ({@code -logSoftmax(1).gather(1, t).mean()}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector"})
public class CrossEntropyBench {
    static final int ROWS = 4096;
    static final int CLASSES = 65;

    Tensor logits;
    Tensor target;
    Tensor column;
    CrossEntropyLoss loss = new CrossEntropyLoss();

    @Setup
    public void setup() {
        Random r = new Random(42);
        float[] x = new float[ROWS * CLASSES];
        long[] t = new long[ROWS];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * 2);
        for (int i = 0; i < t.length; i++) t[i] = r.nextInt(CLASSES);
        logits = Tensor.of(x, ROWS, CLASSES).requiresGrad(true);
        target = Tensor.ofLongs(t, ROWS);
        column = target.reshape(ROWS, 1);
    }

    @Benchmark
    public Tensor fused() {
        logits.setGrad(null);
        loss.forward(logits, target).backward();
        return logits.grad();
    }

    @Benchmark
    public Tensor composed() {
        logits.setGrad(null);
        logits.logSoftmax(1).gather(1, column).mean().neg().backward();
        return logits.grad();
    }
}
