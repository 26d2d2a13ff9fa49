package org.rnn4j.tensor.cpu.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
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
        float[] dOut = PersistentScanTest.rand(new Random(7), c.steps * c.batch * (c.hidden + 3));
        float[] dhN = finalGrads ? PersistentScanTest.rand(new Random(8), c.batch * c.hidden + 2) : null;
        float[] dcN = finalGrads && c.c0 != null ? PersistentScanTest.rand(new Random(9), c.batch * c.hidden + 1) : null;
        float[] dx = new float[c.steps * c.batch * c.input];
        RecurrentScan.backward(c.cell, st, g, c.w, dw, c.input, dOut, c.hidden + 3, 2,
                dhN, 2, dcN, 1, c.x, dx);
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
                float[] sv = values(r, 5 * hsz + 3);
                float[] c = values(r, 2 * hsz + 2);
                float[] dho = values(r, hsz + 1);
                float[] dc = values(r, hsz + 1);
                float[] wci = peep ? values(r, hsz) : null;
                float[] wcf = peep ? values(r, hsz) : null;
                float[] wco = peep ? values(r, hsz) : null;
                float[][] out = new float[2][];
                for (int w = 0; w < 2; w++) {
                    float[] dcw = dc.clone();
                    float[] dxp = new float[4 * hsz + 2];
                    float[] dhp = new float[4 * hsz + 1];
                    float[] dwci = peep ? values(new Random(trial), hsz) : null;
                    float[] dwcf = peep ? values(new Random(trial + 1), hsz) : null;
                    float[] dwco = peep ? values(new Random(trial + 2), hsz) : null;
                    (w == 0 ? sc : v).lstm(act, gate, wci, wcf, wco, dwci, dwcf, dwco, sv, 3, hsz, c, 1, 1 + hsz,
                            dho, dcw, 1, dxp, 2, dhp, 1, j0, j1);
                    out[w] = concat(dcw, dxp, dhp, dwci, dwcf, dwco);
                }
                assertArrayEquals(out[0], out[1], "lstm " + act + "/" + gate + " H=" + hsz);
                for (int w = 0; w < 2; w++) {
                    float[] dxp = new float[3 * hsz];
                    float[] dhp = new float[3 * hsz + 1];
                    float[] dhNext = new float[hsz + 1];
                    (w == 0 ? sc : v).gru(sv, 3, hsz, c, 2, dho, dhNext, 1, dxp, 0, dhp, 1, j0, j1);
                    out[w] = concat(dxp, dhp, dhNext);
                }
                assertArrayEquals(out[0], out[1], "gru H=" + hsz);
                for (int w = 0; w < 2; w++) {
                    float[] dxp = new float[hsz + 2];
                    float[] dhp = new float[hsz + 1];
                    (w == 0 ? sc : v).rnn(act, c, 1 + j0, dho, j0, dxp, 2 + j0, dhp, 1 + j0, j1 - j0);
                    out[w] = concat(dxp, dhp);
                }
                assertArrayEquals(out[0], out[1], "rnn " + act + " H=" + hsz);
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
