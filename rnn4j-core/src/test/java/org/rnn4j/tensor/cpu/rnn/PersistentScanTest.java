package org.rnn4j.tensor.cpu.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.rnn4j.internal.backend.LayerOutputGrads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.cpu.parallel.GemmPool;

/** The two-thread forward scan against the one-thread loop: bit for bit, and its helper thread. */
class PersistentScanTest {
    private static ScanThresholds.Scope forced;

    @AfterEach
    void restore() {
        restoreThresholds();
    }

    static void restoreThresholds() {
        if (forced != null) forced.close();
        forced = null;
    }

    /** How the persistent scan is forced to split (NONE: the one-thread loop). */
    enum Split { NONE, UNITS, ROWS }

    /** Forces the scans' choice of path; batches of one row always split by units. */
    static void force(Split split) {
        restoreThresholds();
        long work = split == Split.NONE ? Long.MAX_VALUE : 0;
        forced = ScanThresholds.override(new ScanThresholds(work, work, split == Split.ROWS ? 2 : Integer.MAX_VALUE,
                work, ScanThresholds.DEFAULTS.minDirectionWork()));
    }

    /** Whether a scan of this case, forced to split, should have taken the row split. */
    static boolean expectsRows(Split split, int batch) {
        return split == Split.ROWS && batch >= 2;
    }

    enum Kind { RNN, RNN_RELU, LSTM, LSTM_PEEP, LSTM_ACTS, GRU }

    /** One layer direction with random weights and input. */
    static final class Case {
        final Kind kind;
        final int steps, batch, input, hidden;
        final boolean bias, reverse;
        final CellKernel cell;
        final ScanWeights w;
        final float[] x, h0, c0;
        final boolean peep;

        Case(Kind kind, int steps, int batch, int input, int hidden, boolean bias, boolean reverse, long seed) {
            this.kind = kind;
            this.steps = steps;
            this.batch = batch;
            this.input = input;
            this.hidden = hidden;
            this.bias = bias;
            this.reverse = reverse;
            Random r = new Random(seed);
            peep = kind == Kind.LSTM_PEEP;
            switch (kind) {
                case RNN: cell = new RnnCellKernel(Activation.TANH); break;
                case RNN_RELU: cell = new RnnCellKernel(Activation.RELU); break;
                case LSTM: cell = new LstmCellKernel(Activation.TANH, Activation.SIGMOID, null, null, null); break;
                case LSTM_PEEP:
                    cell = new LstmCellKernel(Activation.TANH, Activation.SIGMOID, rand(r, hidden), rand(r, hidden), rand(r, hidden));
                    break;
                case LSTM_ACTS: cell = new LstmCellKernel(Activation.RELU, Activation.TANH, null, null, null); break;
                default: cell = new GruCellKernel();
            }
            int gh = cell.gates() * hidden;
            w = new ScanWeights(rand(r, gh * input), rand(r, gh * hidden),
                    bias ? rand(r, gh) : null, bias ? rand(r, gh) : null, null);
            x = rand(r, steps * batch * input);
            h0 = rand(r, batch * hidden);
            c0 = cell.hasCellState() ? rand(r, batch * hidden) : null;
        }

        ScanState run(Split split, boolean forBackward) {
            force(split);
            ScanState st = new ScanState(steps, batch, hidden, hidden, cell, reverse, forBackward);
            RecurrentScan.forward(new ScanDirection(cell, st, w, input, 0), x, h0, c0);
            return st;
        }

        @Override
        public String toString() {
            return kind + " T=" + steps + " B=" + batch + " H=" + hidden + (bias ? "" : " nobias")
                    + (reverse ? " reverse" : "");
        }
    }

    static float[] rand(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.nextFloat() - 0.5f;
        return a;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (Kind kind : Kind.values()) {
            for (int hidden : new int[] {1, 7, 33, 256}) {
                for (int batch : new int[] {1, 7, 64}) {
                    for (int steps : new int[] {1, 4}) {
                        if (hidden == 256 && batch == 64 && steps == 1) continue;
                        boolean bias = (seed & 1) == 0;
                        boolean reverse = (seed % 3) == 0;
                        out.add(Arguments.of(new Case(kind, steps, batch, 5, hidden, bias, reverse, seed++)));
                    }
                }
            }
            out.add(Arguments.of(new Case(kind, 3, 4, 3, 64, true, false, seed++)));
            out.add(Arguments.of(new Case(kind, 3, 2, 3, 100, false, true, seed++)));
        }
        return out.stream();
    }

    /** Asserts that the last scan run since the counts were taken went the forced way. */
    static void assertPath(Split split, int batch, int hidden, long runsBefore, long rowRunsBefore) {
        if (GemmPool.MAX_THREADS < 2) return;
        boolean rows = expectsRows(split, batch);
        if (!rows && hidden < 2) return;  // one unit cannot be split
        assertTrue(PersistentScan.RUNS.get() > runsBefore, "persistent path was not taken");
        assertEquals(rows, PersistentScan.ROW_RUNS.get() > rowRunsBefore, "split by rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inferenceMatchesOneThreadBitForBit(Case c) {
        ScanState ref = c.run(Split.NONE, false);
        for (Split split : new Split[] {Split.UNITS, Split.ROWS}) {
            long before = PersistentScan.RUNS.get();
            long rowsBefore = PersistentScan.ROW_RUNS.get();
            ScanState got = c.run(split, false);
            assertPath(split, c.batch, c.hidden, before, rowsBefore);
            assertArrayEquals(ref.h, got.h, split + ": h");
            if (ref.c != null) assertArrayEquals(ref.c, got.c, split + ": c");
            // inference saves nothing for backward: the LSTM's one-step scratch is not compared
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainingStateAndGradientsMatchBitForBit(Case c) {
        for (Split split : new Split[] {Split.UNITS, Split.ROWS}) {
            trainingMatches(c, split);
        }
    }

    private void trainingMatches(Case c, Split split) {
        ScanState ref = c.run(Split.NONE, true);
        ScanState got = c.run(split, true);
        assertArrayEquals(ref.h, got.h, "h");
        if (ref.c != null) assertArrayEquals(ref.c, got.c, "c");
        assertArrayEquals(ref.saved, got.saved, "saved");
        force(Split.NONE);
        Grads a = backward(c, ref);
        force(split);
        Grads b = backward(c, got);
        assertArrayEquals(a.dw.whh(), b.dw.whh(), split + ": dW_hh");
        assertArrayEquals(a.dw.wih(), b.dw.wih(), split + ": dW_ih");
        assertArrayEquals(a.dx, b.dx, split + ": dx");
        assertArrayEquals(a.g.dh, b.g.dh, split + ": dh0");
        if (c.peep) assertArrayEquals(a.g.dwci, b.g.dwci, split + ": dw_ci");
    }

    record Grads(ScanGrads g, ScanWeightGrads dw, float[] dx) {}

    static Grads backward(Case c, ScanState st) {
        int gh = c.cell.gates() * c.hidden;
        ScanGrads g = new ScanGrads(st, c.peep);
        ScanWeightGrads dw = new ScanWeightGrads(new float[gh * c.input], new float[gh * c.hidden],
                c.bias ? new float[gh] : null, c.bias ? new float[gh] : null, null);
        float[] dOut = rand(new Random(7), c.steps * c.batch * c.hidden);
        float[] dx = new float[c.steps * c.batch * c.input];
        RecurrentScan.backward(new ScanDirection(c.cell, st, c.w, c.input, 0), g, dw,
                new LayerOutputGrads(dOut, null, null), 1, c.x, dx);
        return new Grads(g, dw, dx);
    }

    @Test
    void manyCallsFromSeveralThreadsAreCorrectAndLeaveParkedHelpers() throws Exception {
        Case[] cs = {
            new Case(Kind.LSTM, 6, 3, 8, 96, true, false, 101),
            new Case(Kind.GRU, 5, 9, 8, 64, false, true, 102),
            new Case(Kind.RNN, 7, 1, 8, 130, true, false, 103),
        };
        ScanState[] refs = new ScanState[cs.length];
        for (int i = 0; i < cs.length; i++) refs[i] = cs[i].run(Split.NONE, false);
        force(Split.ROWS);  // the batch of one row splits by units
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                fs.add(pool.submit((Callable<Void>) () -> {
                    for (int it = 0; it < 200; it++) {
                        int i = it % cs.length;
                        Case c = cs[i];
                        ScanState st = new ScanState(c.steps, c.batch, c.hidden, c.hidden, c.cell, c.reverse, false);
                        RecurrentScan.forward(new ScanDirection(c.cell, st, c.w, c.input, 0), c.x, c.h0, c.c0);
                        assertArrayEquals(refs[i].h, st.h);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
        List<Thread> helpers = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("rnn4j-helper-")) helpers.add(t);
        }
        if (GemmPool.MAX_THREADS < 2) return;
        assertTrue(!helpers.isEmpty() && helpers.size() <= GemmPool.MAX_THREADS - 1, "helpers: " + helpers);
        Thread h = helpers.get(0);
        assertTrue(h.isDaemon());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (h.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(1);
        assertEquals(Thread.State.WAITING, h.getState(), "idle helper parks");
    }

    @Test
    void unitBoundsKeepCacheLinesApart() {
        assertArrayEquals(new int[] {0, 128, 256}, PartBounds.of(256, 2, false));
        assertArrayEquals(new int[] {0, 48, 100}, PartBounds.of(100, 2, false));
        assertArrayEquals(new int[] {0, 16, 33}, PartBounds.of(33, 2, false));
        assertArrayEquals(new int[] {0, 64, 128, 192, 256}, PartBounds.of(256, 4, false));
        assertArrayEquals(new int[] {0, 32, 64, 96}, PartBounds.of(96, 3, false));
        assertArrayEquals(new int[] {0, 1, 2, 3}, PartBounds.of(3, 3, true));
        assertArrayEquals(new int[] {0, 21, 42, 64}, PartBounds.of(64, 3, true));
    }
}
