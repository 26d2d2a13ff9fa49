package org.rnn4j.tensor.cpu.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.rnn4j.internal.backend.LayerOutputGrads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.nn.Activation;

/** The two-thread backward scan against the one-thread loop, bit for bit; the cell backward math both ways. */
class PersistentBackwardTest {
    @AfterEach
    void restore() {
        PersistentScanTest.restoreThresholds();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 11;
        for (PersistentScanTest.Kind kind : PersistentScanTest.Kind.values()) {
            for (int hidden : new int[] {7, 33, 64, 256}) {
                for (int batch : new int[] {1, 7, 64}) {
                    for (int steps : new int[] {1, 4}) {
                        if (hidden == 256 && batch == 64 && steps == 1) continue;
                        boolean bias = (seed & 1) == 0;
                        boolean reverse = (seed % 3) == 0;
                        out.add(Arguments.of(new PersistentScanTest.Case(kind, steps, batch, 5, hidden, bias,
                                reverse, seed++), (seed & 2) == 0));
                    }
                }
            }
            out.add(Arguments.of(new PersistentScanTest.Case(kind, 5, 4, 3, 100, true, true, seed++), true));
        }
        return out.stream();
    }

    record Result(ScanGrads g, ScanWeightGrads dw, float[] dx) {}

    static Result backward(PersistentScanTest.Case c, ScanState st, PersistentScanTest.Split split,
                           boolean finalGrads) {
        PersistentScanTest.force(split);
        int gh = c.cell.gates() * c.hidden;
        ScanGrads g = new ScanGrads(st, c.peep);
        if (c.peep) {  // accumulators start non-zero, as across layers' calls
            Random r = new Random(3);
            for (float[] a : new float[][] {g.dwci, g.dwcf, g.dwco}) {
                for (int j = 0; j < a.length; j++) a[j] = r.nextFloat();
            }
        }
        ScanWeightGrads dw = new ScanWeightGrads(new float[gh * c.input], new float[gh * c.hidden],
                c.bias ? new float[gh] : null, c.bias ? new float[gh] : null, null);
        // As the second of two directions: its columns of dOut and rows of dh_n, dc_n are at offsets.
        float[] dOut = PersistentScanTest.rand(new Random(7), c.steps * c.batch * 2 * c.hidden);
        float[] dhN = finalGrads ? PersistentScanTest.rand(new Random(8), 2 * c.batch * c.hidden) : null;
        float[] dcN = finalGrads && c.c0 != null ? PersistentScanTest.rand(new Random(9), 2 * c.batch * c.hidden) : null;
        float[] dx = new float[c.steps * c.batch * c.input];
        RecurrentScan.backward(new ScanDirection(c.cell, st, c.w, c.input, 1), g, dw,
                new LayerOutputGrads(dOut, dhN, dcN), 2, c.x, dx);
        return new Result(g, dw, dx);
    }

    @ParameterizedTest(name = "{0} final={1}")
    @MethodSource("cases")
    void gradientsMatchOneThreadBitForBit(PersistentScanTest.Case c, boolean finalGrads) {
        ScanState st = c.run(PersistentScanTest.Split.NONE, true);
        Result a = backward(c, st, PersistentScanTest.Split.NONE, finalGrads);
        for (PersistentScanTest.Split split : new PersistentScanTest.Split[] {
                PersistentScanTest.Split.UNITS, PersistentScanTest.Split.ROWS}) {
            long before = PersistentScan.RUNS.get();
            long rowsBefore = PersistentScan.ROW_RUNS.get();
            Result b = backward(c, st, split, finalGrads);
            // peephole gradients sum over the batch: such a backward never splits by rows
            PersistentScanTest.assertPath(c.peep ? PersistentScanTest.Split.UNITS : split, c.batch, c.hidden,
                    before, rowsBefore);
            String m = split + ": ";
            assertArrayEquals(a.dx, b.dx, m + "dx");
            assertArrayEquals(a.g.dh, b.g.dh, m + "dh0");
            if (a.g.dc != null) assertArrayEquals(a.g.dc, b.g.dc, m + "dc0");
            assertArrayEquals(a.g.dxp, b.g.dxp, m + "dxp");
            assertArrayEquals(a.g.dhp, b.g.dhp, m + "dhp");
            assertArrayEquals(a.dw.whh(), b.dw.whh(), m + "dW_hh");
            assertArrayEquals(a.dw.wih(), b.dw.wih(), m + "dW_ih");
            if (c.bias) {
                assertArrayEquals(a.dw.bhh(), b.dw.bhh(), m + "db_hh");
                assertArrayEquals(a.dw.bih(), b.dw.bih(), m + "db_ih");
            }
            if (c.peep) {
                assertArrayEquals(a.g.dwci, b.g.dwci, m + "dw_ci");
                assertArrayEquals(a.g.dwcf, b.g.dwcf, m + "dw_cf");
                assertArrayEquals(a.g.dwco, b.g.dwco, m + "dw_co");
            }
        }
    }

    /** Random values in (-1.5, 1.5) with some exact zeros, ones and a NaN sprinkled in. */
    static float[] values(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(50);
            a[i] = k == 0 ? 0f : k == 1 ? 1f : k == 2 ? -0f : k == 3 ? Float.NaN : 3f * r.nextFloat() - 1.5f;
        }
        return a;
    }

    @Test
    void vectorCellBackwardMatchesScalarBitForBit() {
        CellBackwardMath v = CellBackwardMath.get();
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && Boolean.parseBoolean(System.getProperty("rnn4j.vector", "true"))) {
            assertTrue(v.getClass().getSimpleName().equals("VectorCellBackward"), "vector path loaded");
        }
        CellBackwardMath sc = CellBackwardMath.scalar();
        Random r = new Random(5);
        Activation[] acts = Activation.values();
        for (int hsz : new int[] {1, 5, 16, 17, 33, 64, 100}) {
            for (int trial = 0; trial < 12; trial++) {
                int j0 = r.nextInt(hsz);
                int j1 = j0 + 1 + r.nextInt(hsz - j0);
                Activation act = acts[trial % 4];
                Activation gate = acts[(trial / 4 + trial) % 4];
                boolean peep = (trial & 1) == 0;
                boolean reverse = (trial & 2) == 0;
                int s = 1 + r.nextInt(2);
                int b = r.nextInt(3);
                float[] wci = peep ? values(r, hsz) : null;
                float[] wcf = peep ? values(r, hsz) : null;
                float[] wco = peep ? values(r, hsz) : null;
                CellBackwardMath.LstmParams lp = new CellBackwardMath.LstmParams(act, gate, wci, wcf, wco);
                long seed = r.nextLong();
                float[][] out = new float[2][];
                for (int w = 0; w < 2; w++) {
                    Scan scan = new Scan(new LstmCellKernel(act, gate, wci, wcf, wco), hsz, reverse, peep, seed);
                    float[] dho = values(new Random(seed + 1), 3 * hsz);
                    (w == 0 ? sc : v).lstm(lp, scan.st, scan.g, dho, s, b, j0, j1);
                    out[w] = concat(scan.g.dc, scan.g.dxp, scan.g.dhp, scan.g.dwci, scan.g.dwcf, scan.g.dwco);
                }
                assertArrayEquals(out[0], out[1], "lstm " + act + "/" + gate + " H=" + hsz);
                for (int w = 0; w < 2; w++) {
                    Scan scan = new Scan(new GruCellKernel(), hsz, reverse, false, seed);
                    float[] dh = values(new Random(seed + 1), 3 * hsz);
                    float[] dhNext = values(new Random(seed + 2), 3 * hsz);
                    (w == 0 ? sc : v).gru(scan.st, scan.g, dh, dhNext, s, b, j0, j1);
                    out[w] = concat(scan.g.dxp, scan.g.dhp, dhNext);
                }
                assertArrayEquals(out[0], out[1], "gru H=" + hsz);
                for (int w = 0; w < 2; w++) {
                    Scan scan = new Scan(new RnnCellKernel(act), hsz, reverse, false, seed);
                    float[] dh = values(new Random(seed + 1), 3 * hsz);
                    (w == 0 ? sc : v).rnn(act, scan.st, scan.g, dh, s, b * hsz + j0, j1 - j0);
                    out[w] = concat(scan.g.dxp, scan.g.dhp);
                }
                assertArrayEquals(out[0], out[1], "rnn " + act + " H=" + hsz);
            }
        }
    }

    /** A 3-step, 3-row scan of a cell, every array filled with {@link #values} from {@code seed}. */
    private static final class Scan {
        final ScanState st;
        final ScanGrads g;

        Scan(CellKernel cell, int hsz, boolean reverse, boolean peep, long seed) {
            st = new ScanState(3, 3, hsz, hsz, cell, reverse);
            g = new ScanGrads(st, peep);
            Random r = new Random(seed);
            for (float[] a : new float[][] {st.xp, st.hp, st.h, st.c, st.saved, g.dxp, g.dhp, g.dh, g.dc,
                                            g.dwci, g.dwcf, g.dwco}) {
                if (a != null) System.arraycopy(values(r, a.length), 0, a, 0, a.length);
            }
        }
    }

    static float[] concat(float[]... as) {
        int n = 0;
        for (float[] a : as) n += a == null ? 0 : a.length;
        float[] out = new float[n];
        int o = 0;
        for (float[] a : as) {
            if (a == null) continue;
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }
}
