package org.rnn4j.tensor.cpu.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.internal.backend.LayerOutputGrads;
import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.cpu.parallel.HelperThread;
import org.rnn4j.tensor.cpu.rnn.PersistentScanTest.Kind;
import org.rnn4j.tensor.cpu.rnn.PersistentScanTest.Split;

/**
 * Packed batches (rows sorted by length, fewer rows at later steps) through the split scans, forward
 * and backward, both directions, against the one-thread loop: the same bits, whichever way the
 * scan is split and however many parts (Surefire runs this again with four threads). The
 * one-thread packed loop itself is checked against each sequence run alone in
 * {@code nn.PackedVersusSequencesTest}.
 */
class PackedScanTest {
    @AfterEach
    void restore() {
        PersistentScanTest.restoreThresholds();
    }

    /** One packed layer direction with random weights, input and states. */
    record Case(Kind kind, int[] batchSizes, int input, int hidden, boolean reverse, CellKernel cell, ScanWeights w,
                float[] x, float[] h0, float[] c0, boolean peep) {
        static Case of(Kind kind, int[] lengths, int input, int hidden, boolean reverse, long seed) {
            Random r = new Random(seed);
            CellKernel cell = switch (kind) {
                case RNN -> new RnnCellKernel(Activation.TANH);
                case RNN_RELU -> new RnnCellKernel(Activation.RELU);
                case LSTM -> new LstmCellKernel(Activation.TANH, Activation.SIGMOID, null, null, null);
                case LSTM_PEEP -> new LstmCellKernel(Activation.TANH, Activation.SIGMOID, PersistentScanTest.rand(r, hidden),
                        PersistentScanTest.rand(r, hidden), PersistentScanTest.rand(r, hidden));
                case LSTM_ACTS -> new LstmCellKernel(Activation.RELU, Activation.TANH, null, null, null);
                default -> new GruCellKernel();
            };
            int[] sizes = PackedScanTest.batchSizes(lengths);
            int rows = Arrays.stream(sizes).sum();
            int gh = cell.gates() * hidden;
            int batch = lengths.length;
            ScanWeights w = new ScanWeights(PersistentScanTest.rand(r, gh * input), PersistentScanTest.rand(r, gh * hidden),
                    PersistentScanTest.rand(r, gh), PersistentScanTest.rand(r, gh), null);
            // As the second of two directions: its rows of h0 and c0 are at an offset.
            return new Case(kind, sizes, input, hidden, reverse, cell, w, PersistentScanTest.rand(r, rows * input),
                    PersistentScanTest.rand(r, 2 * batch * hidden),
                    cell.hasCellState() ? PersistentScanTest.rand(r, 2 * batch * hidden) : null, kind == Kind.LSTM_PEEP);
        }

        int batch() {
            return batchSizes[0];
        }

        int rows() {
            return Arrays.stream(batchSizes).sum();
        }

        ScanState run(Split split, boolean forBackward) {
            PersistentScanTest.force(split);
            ScanState st = new ScanState(batchSizes, hidden, hidden, cell, reverse, forBackward);
            RecurrentScan.forward(new ScanDirection(cell, st, w, input, 1), x, h0, c0);
            return st;
        }

        @Override
        public String toString() {
            return kind + " sizes=" + Arrays.toString(batchSizes) + " H=" + hidden + (reverse ? " reverse" : "");
        }
    }

    /** PyTorch's batch_sizes of lengths sorted in decreasing order. */
    static int[] batchSizes(int[] sortedLengths) {
        int[] sizes = new int[sortedLengths[0]];
        for (int len : sortedLengths) for (int t = 0; t < len; t++) sizes[t]++;
        return sizes;
    }

    /** Lengths in [lo, hi], sorted in decreasing order, the first one hi. */
    static int[] lengths(Random r, int batch, int lo, int hi) {
        int[] l = new int[batch];
        for (int b = 0; b < batch; b++) l[b] = b == 0 ? hi : lo + r.nextInt(hi - lo + 1);
        Arrays.sort(l);
        for (int i = 0; i < batch / 2; i++) {
            int t = l[i];
            l[i] = l[batch - 1 - i];
            l[batch - 1 - i] = t;
        }
        return l;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 31;
        Random r = new Random(5);
        for (Kind kind : Kind.values()) {
            for (int hidden : new int[] {33, 64, 256}) {
                for (int batch : new int[] {3, 20, 64}) {
                    if (hidden == 256 && batch == 64) continue;
                    boolean reverse = (seed & 1) == 0;
                    out.add(Arguments.of(Case.of(kind, lengths(r, batch, 1, 6), 5, hidden, reverse, seed++)));
                }
            }
            // one long sequence among short ones (rows of one part end after the first steps), both directions
            int[] skew = new int[24];
            Arrays.fill(skew, 1);
            skew[0] = 7;
            skew[1] = 3;
            out.add(Arguments.of(Case.of(kind, skew, 4, 64, false, seed++)));
            out.add(Arguments.of(Case.of(kind, skew, 4, 64, true, seed++)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardAndBackwardMatchOneThreadBitForBit(Case c) {
        ScanState ref = c.run(Split.NONE, true);
        Grads a = backward(c, ref, Split.NONE);
        for (Split split : new Split[] {Split.UNITS, Split.ROWS}) {
            long before = PersistentScan.RUNS.get();
            long rowsBefore = PersistentScan.ROW_RUNS.get();
            ScanState got = c.run(split, true);
            PersistentScanTest.assertPath(split, c.batch(), c.hidden, before, rowsBefore);
            String m = c + " " + split + ": ";
            assertArrayEquals(ref.h, got.h, m + "h");
            if (ref.c != null) assertArrayEquals(ref.c, got.c, m + "c");
            assertArrayEquals(ref.saved, got.saved, m + "saved");
            Grads b = backward(c, got, split);
            assertArrayEquals(a.dx, b.dx, m + "dx");
            assertArrayEquals(a.g.dh, b.g.dh, m + "dh0");
            if (a.g.dc != null) assertArrayEquals(a.g.dc, b.g.dc, m + "dc0");
            assertArrayEquals(a.dw.whh(), b.dw.whh(), m + "dW_hh");
            assertArrayEquals(a.dw.wih(), b.dw.wih(), m + "dW_ih");
            assertArrayEquals(a.dw.bhh(), b.dw.bhh(), m + "db_hh");
            if (c.peep) assertArrayEquals(a.g.dwci, b.g.dwci, m + "dw_ci");
            ScanState inference = c.run(split, false);
            assertArrayEquals(ref.h, inference.h, m + "inference h");
        }
    }

    record Grads(ScanGrads g, ScanWeightGrads dw, float[] dx) {}

    static Grads backward(Case c, ScanState st, Split split) {
        PersistentScanTest.force(split);
        int gh = c.cell.gates() * c.hidden;
        ScanGrads g = new ScanGrads(st, c.peep);
        ScanWeightGrads dw = new ScanWeightGrads(new float[gh * c.input], new float[gh * c.hidden], new float[gh],
                new float[gh], null);
        float[] dOut = PersistentScanTest.rand(new Random(7), c.rows() * 2 * c.hidden);
        float[] dhN = PersistentScanTest.rand(new Random(8), 2 * c.batch() * c.hidden);
        float[] dcN = c.c0 != null ? PersistentScanTest.rand(new Random(9), 2 * c.batch() * c.hidden) : null;
        float[] dx = new float[c.rows() * c.input];
        RecurrentScan.backward(new ScanDirection(c.cell, st, c.w, c.input, 1), g, dw,
                new LayerOutputGrads(dOut, dhN, dcN), 2, c.x, dx);
        return new Grads(g, dw, dx);
    }

    /**
     * With no helper free (or one core), a big packed scan runs as one part on the caller
     * (its W_hh laid out once, not packed at every step): the loop's bits, forward and backward.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onePartWithoutHelpersMatchesTheLoop(Case c) {
        ScanState ref = c.run(Split.NONE, true);
        Grads a = backward(c, ref, Split.NONE);
        HelperThread[] held = new HelperThread[Math.max(0, HelperThread.count())];
        int got = HelperThread.acquire(held.length, held);
        try {
            long before = PersistentScan.RUNS.get();
            long onePart = PersistentScan.ONE_PART_RUNS.get();
            ScanState st = c.run(Split.ROWS, true);
            Grads b = backward(c, st, Split.ROWS);
            assertEquals(before, PersistentScan.RUNS.get(), "no split without helpers");
            // (sequences of one length are a dense batch, which keeps the loop)
            boolean dense = Arrays.stream(c.batchSizes).allMatch(n -> n == c.batch());
            assertEquals(onePart + (dense ? 0 : 2), PersistentScan.ONE_PART_RUNS.get(), "forward and backward as one part");
            assertArrayEquals(ref.h, st.h, c + ": h");
            assertArrayEquals(ref.saved, st.saved, c + ": saved");
            assertArrayEquals(a.dx, b.dx, c + ": dx");
            assertArrayEquals(a.g.dh, b.g.dh, c + ": dh0");
            assertArrayEquals(a.dw.whh(), b.dw.whh(), c + ": dW_hh");
            if (c.peep) assertArrayEquals(a.g.dwci, b.g.dwci, c + ": dw_ci");
        } finally {
            for (int i = 0; i < got; i++) held[i].release();
        }
    }

    /** A packing whose sequences all have the same length is the dense batch, bit for bit. */
    @Test
    void equalLengthsAreTheDenseBatch() {
        for (Kind kind : new Kind[] {Kind.LSTM, Kind.GRU, Kind.RNN}) {
            for (boolean reverse : new boolean[] {false, true}) {
                int[] lengths = new int[16];
                Arrays.fill(lengths, 5);
                Case c = Case.of(kind, lengths, 3, 64, reverse, 77);
                ScanState packed = c.run(Split.NONE, true);
                ScanState dense = new ScanState(5, 16, 64, 64, c.cell, reverse, true);
                RecurrentScan.forward(new ScanDirection(c.cell, dense, c.w, c.input, 1), c.x, c.h0, c.c0);
                assertArrayEquals(dense.h, packed.h, kind + " h");
                Grads a = backward(c, packed, Split.NONE);
                Grads b = backward(c, dense, Split.NONE);
                assertArrayEquals(b.dx, a.dx, kind + " dx");
                assertArrayEquals(b.dw.whh(), a.dw.whh(), kind + " dW_hh");
                assertArrayEquals(b.g.dh, a.g.dh, kind + " dh0");
            }
        }
    }

    /** The row split balances the rows' steps, not their count. */
    @Test
    void rowBoundsShareTheSteps() {
        StepRows dense = StepRows.dense(10, 64, false, 8);
        assertArrayEquals(new int[] {0, 32, 64}, PartBounds.rows(dense, 2));
        int[] lengths = new int[64];
        for (int b = 0; b < 64; b++) lengths[b] = 100 - (50 * b) / 63;  // 100 .. 50
        StepRows packed = StepRows.packed(batchSizes(lengths), false, 8);
        int[] bounds = PartBounds.rows(packed, 2);
        // the first part gets fewer (longer) rows, and no other bound shares the steps better
        assertTrue(bounds[1] < 32, "bounds " + Arrays.toString(bounds));
        long best = imbalance(lengths, bounds[1]);
        for (int b = 1; b < 64; b++) assertTrue(imbalance(lengths, b) >= best, "bound " + b + " beats " + bounds[1]);
    }

    /** |steps of rows [0, bound) - steps of rows [bound, B)|. */
    private static long imbalance(int[] lengths, int bound) {
        long first = 0, second = 0;
        for (int b = 0; b < lengths.length; b++) {
            if (b < bound) first += lengths[b];
            else second += lengths[b];
        }
        return Math.abs(first - second);
    }
}
