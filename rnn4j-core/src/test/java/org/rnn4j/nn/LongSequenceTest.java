package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

/**
 * 100,000-step sequences forward and backward: a Java loop of RNNCell calls (hundreds of
 * thousands of small autograd nodes in one chain) and each fused layer. Each run happens on a
 * thread with a 256 KiB stack, far too small for a recursive walk of the graph, and must finish
 * within 20 s; memory must grow linearly with the length.
 */
class LongSequenceTest {
    private static final int T = 100_000;

    /** Runs {@code body} on a thread with a small stack; rethrows what it threw; returns its value. */
    private static <R> R onSmallStack(Supplier<R> body) {
        AtomicReference<R> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(body.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        long start = System.nanoTime();
        t.start();
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // A hang guard, not a speed claim (speed is measured by benchmarks).
        if (t.isAlive()) throw new AssertionError("did not finish within 60 s");
        if (failure.get() != null) throw new AssertionError("failed after " + seconds + " s: " + failure.get(), failure.get());
        return result.get();
    }

    private static Tensor input(int steps) {
        Tensor.manualSeed(11);
        return Tensor.randn(steps, 1, 2).mul(0.5f);
    }

    @Test
    void rnnCellLoopOverOneHundredThousandStepsMatchesTheFusedLayer() {
        Tensor.manualSeed(5);
        RNN layer = new RNN(2, 4);
        RNNCell cell = new RNNCell(2, 4);
        layer.namedParameters().forEach((k, v) -> cell.namedParameters().get(k.replace("_l0", "")).copyFrom(v));
        Tensor x = input(T);

        float[] cellH = onSmallStack(() -> {
            Tensor h = null;
            Tensor loss = Tensor.scalar(0f);
            for (int t = 0; t < T; t++) {
                h = cell.forward(x.select(0, t), h);
                loss = loss.add(h.sum());       // every step feeds the loss: a second 100k-node chain
            }
            loss.backward();
            return h.toFloatArray();
        });
        RecurrentOutput r = layer.forward(x);
        r.output().sum().backward();

        assertClose(r.h().toFloatArray(), cellH, 1e-5, "h_T");
        for (Map.Entry<String, Tensor> p : layer.namedParameters().entrySet()) {
            Tensor cellGrad = cell.namedParameters().get(p.getKey().replace("_l0", "")).grad();
            // float sums over 100k steps taken in different orders: relative to the largest entry
            assertClose(p.getValue().grad().toFloatArray(), cellGrad.toFloatArray(), 1e-3, p.getKey());
        }
    }

    private static void assertClose(float[] expected, float[] actual, double rtol, String what) {
        double scale = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            assertTrue(d <= rtol * Math.max(scale, 1e-3), what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void fusedRnnOverOneHundredThousandSteps() {
        fused(new RNN(2, 4, RNN.options().numLayers(2).bidirectional(true)));
    }

    @Test
    void fusedLstmOverOneHundredThousandSteps() {
        fused(new LSTM(2, 4, LSTM.options().numLayers(2).projSize(3)));
    }

    @Test
    void fusedGruOverOneHundredThousandSteps() {
        fused(new GRU(2, 4, 2));
    }

    private static Tensor run(Recurrent m, Tensor x) {
        return m.run(x).output();
    }

    private static void fused(Recurrent m) {
        Tensor x = input(T).requiresGrad(true);
        onSmallStack(() -> {
            run(m, x).square().mean().backward();
            return null;
        });
        assertArrayEquals(new int[] {T, 1, 2}, x.grad().shape());
        for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
            float[] g = p.getValue().grad().toFloatArray();
            for (float v : g) assertTrue(Float.isFinite(v), m + " " + p.getKey() + " has a non-finite gradient");
        }
    }

    private static Tensor cellLoop(RNNCell cell, Tensor x) {
        Tensor h = null;
        for (int t = 0; t < x.size(0); t++) h = cell.forward(x.select(0, t), h);
        return h;
    }
}
