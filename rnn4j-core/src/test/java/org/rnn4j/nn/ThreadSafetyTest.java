package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.tensor.Tensor;

/**
 * Modules in eval mode serve forward calls from 8 threads x 1,000 calls each and return exactly
 * (bit for bit) what a single thread computes, under no-grad and with grad mode on (inputs not
 * requiring grad, so the graph is recorded against the shared parameters).
 */
class ThreadSafetyTest {
    private static final int THREADS = 8;
    private static final int CALLS = 1_000;
    private static final int INPUTS = 16;

    private static void serveConcurrently(String what, boolean noGrad, List<Tensor> inputs,
                                          Function<Tensor, float[]> forward) throws Exception {
        float[][] expected = new float[inputs.size()][];
        try (var scope = noGrad ? GradMode.noGrad() : GradMode.enableGrad()) {
            for (int i = 0; i < inputs.size(); i++) expected[i] = forward.apply(inputs.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger mismatches = new AtomicInteger();
        List<String> firstFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int th = 0; th < THREADS; th++) {
                int id = th;
                futures.add(pool.submit(() -> {
                    go.await();
                    try (var scope = noGrad ? GradMode.noGrad() : GradMode.enableGrad()) {
                        for (int c = 0; c < CALLS; c++) {
                            int k = (c * 7 + id) % inputs.size();
                            float[] got = forward.apply(inputs.get(k));
                            if (!Arrays.equals(expected[k], got)) {
                                if (mismatches.incrementAndGet() <= 3) {
                                    firstFailures.add("thread " + id + " call " + c + " input " + k);
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, mismatches.get(), what + (noGrad ? " (no grad)" : " (grad on)") + ": "
                + mismatches.get() + " of " + THREADS * CALLS + " calls differ from single-threaded, e.g. " + firstFailures);
    }

    private static List<Tensor> inputs(int... shape) {
        Tensor.manualSeed(77);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) out.add(Tensor.randn(shape));
        return out;
    }

    @Test
    void lstmServesEightThreads() throws Exception {
        Tensor.manualSeed(1);
        LSTM lstm = new LSTM(6, 16, LSTM.options().numLayers(2).bidirectional(true).dropout(0.5).projSize(8));
        lstm.eval();
        Linear head = new Linear(16, 1);
        head.eval();
        Function<Tensor, float[]> f = x -> {
            LSTMOutput o = lstm.forward(x);
            float[] y = head.forward(o.output()).toFloatArray();
            float[] h = o.h().toFloatArray();
            float[] c = o.c().toFloatArray();
            float[] all = Arrays.copyOf(y, y.length + h.length + c.length);
            System.arraycopy(h, 0, all, y.length, h.length);
            System.arraycopy(c, 0, all, y.length + h.length, c.length);
            return all;
        };
        List<Tensor> xs = inputs(7, 3, 6);
        serveConcurrently("LSTM", true, xs, f);
        serveConcurrently("LSTM", false, xs, f);
    }

    @Test
    void gruAndRnnServeEightThreads() throws Exception {
        Tensor.manualSeed(2);
        GRU gru = new GRU(6, 12, GRU.options().numLayers(2).batchFirst(true).dropout(0.5));
        gru.eval();
        RNN rnn = new RNN(6, 12, RNN.options().nonlinearity(Activation.RELU).bidirectional(true));
        rnn.eval();
        List<Tensor> xs = inputs(3, 7, 6);
        Function<Tensor, float[]> g = x -> gru.forward(x).output().toFloatArray();
        Function<Tensor, float[]> r = x -> rnn.forward(x, Tensor.full(0.1f, 2, 7, 12)).h().toFloatArray();
        serveConcurrently("GRU", true, xs, g);
        serveConcurrently("GRU", false, xs, g);
        serveConcurrently("RNN", true, xs, r);
        serveConcurrently("RNN", false, xs, r);
    }

    @Test
    void cellsServeEightThreads() throws Exception {
        Tensor.manualSeed(3);
        RNNCell rc = new RNNCell(6, 10);
        LSTMCell lc = new LSTMCell(6, 10);
        GRUCell gc = new GRUCell(6, 10);
        for (Module m : new Module[] {rc, lc, gc}) m.eval();
        List<Tensor> xs = inputs(4, 6);
        Function<Tensor, float[]> f = x -> {
            Tensor h = rc.forward(x);
            CellState s = lc.forward(x);
            Tensor g = gc.forward(x, s.h());
            return h.add(s.c()).mul(g).add(rc.forward(x, h)).toFloatArray();
        };
        serveConcurrently("cells", true, xs, f);
        serveConcurrently("cells", false, xs, f);
    }
}
