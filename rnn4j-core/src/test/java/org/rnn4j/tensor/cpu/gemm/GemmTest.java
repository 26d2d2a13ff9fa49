package org.rnn4j.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GEMM path (public entry, direct loops, packed scalar and Vector API kernels, one and two
 * threads) against a float64 triple loop, and bit for bit against each other and a float
 * {@link Math#fma} chain, which is the documented per-element contract.
 */
class GemmTest {

    /** One problem: operands embedded in NaN-padded storage with offsets and loose strides. */
    static final class Problem {
        final boolean transA, transB;
        final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        final float beta;
        final float[] a, b, c0;

        Problem(boolean transA, boolean transB, int m, int n, int k, float beta, long seed) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.beta = beta;
            Random rnd = new Random(seed);
            aOff = rnd.nextInt(5);
            bOff = rnd.nextInt(5);
            cOff = rnd.nextInt(5);
            lda = (transA ? m : k) + rnd.nextInt(3);
            ldb = (transB ? k : n) + rnd.nextInt(3);
            ldc = n + rnd.nextInt(3);
            int aRows = transA ? k : m, aCols = transA ? m : k;
            int bRows = transB ? n : k, bCols = transB ? k : n;
            a = storage(rnd, aOff, aRows, aCols, lda);
            b = storage(rnd, bOff, bRows, bCols, ldb);
            c0 = storage(rnd, cOff, m, n, ldc);
        }

        /** Values in [-1, 1] inside the matrix, NaN in every gap, so stray reads show up. */
        private static float[] storage(Random rnd, int off, int rows, int cols, int ld) {
            float[] s = new float[off + (rows - 1) * ld + cols + 3];
            java.util.Arrays.fill(s, Float.NaN);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) s[off + r * ld + j] = rnd.nextFloat() * 2 - 1;
            }
            return s;
        }

        float opA(int i, int p) { return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]; }

        float opB(int p, int j) { return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]; }

        float[] run(Path path) {
            float[] c = c0.clone();
            path.run(this, c);
            return c;
        }

        /** The contract: each element is one fma chain over p from beta·C (0 if beta is 0). */
        float[] fmaChain() {
            float[] c = c0.clone();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int idx = cOff + i * ldc + j;
                    float t = beta == 0f ? 0f : beta * c[idx];
                    for (int p = 0; p < k; p++) t = Math.fma(opA(i, p), opB(p, j), t);
                    c[idx] = t;
                }
            }
            return c;
        }

        /** Checks c against a float64 triple loop and that nothing outside C was written. */
        void checkAgainstDouble(float[] c, String what) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int idx = cOff + i * ldc + j;
                    double old = beta == 0f ? 0 : (double) beta * c0[idx];
                    double sum = old, mag = Math.abs(old);
                    for (int p = 0; p < k; p++) {
                        double prod = (double) opA(i, p) * opB(p, j);
                        sum += prod;
                        mag += Math.abs(prod);
                    }
                    double tol = 1e-5 * Math.sqrt(k + 1) * mag + 1e-30;
                    if (!(Math.abs(c[idx] - sum) <= tol)) {
                        fail(what + " " + this + ": C[" + i + "," + j + "] = " + c[idx]
                                + ", expected " + sum + " ± " + tol);
                    }
                }
            }
            for (int idx = 0; idx < c.length; idx++) {
                int rel = idx - cOff;
                boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
                if (!inside && !Float.isNaN(c[idx])) fail(what + " " + this + ": wrote outside C at " + idx);
            }
        }

        @Override
        public String toString() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                    + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
        }
    }

    /** One way of computing the product. */
    interface Path {
        void run(Problem q, float[] c);
    }

    static final MicroKernel VECTOR = Gemm.vectorKernel();

    static List<Arguments> paths() {
        List<Arguments> paths = new ArrayList<>();
        paths.add(Arguments.of("public", (Path) (q, c) -> Gemm.sgemm(q.transA, q.transB, q.m, q.n, q.k,
                q.a, q.aOff, q.lda, q.b, q.bOff, q.ldb, q.beta, c, q.cOff, q.ldc)));
        paths.add(Arguments.of("direct", (Path) (q, c) -> DirectGemm.multiply(Gemm.KERNEL, q.transA, q.transB, q.m, q.n, q.k,
                q.a, q.aOff, q.lda, q.b, q.bOff, q.ldb, q.beta, c, q.cOff, q.ldc)));
        paths.add(Arguments.of("direct-scalar", (Path) (q, c) -> DirectGemm.multiply(ScalarKernel.INSTANCE,
                q.transA, q.transB, q.m, q.n, q.k, q.a, q.aOff, q.lda, q.b, q.bOff, q.ldb, q.beta, c, q.cOff, q.ldc)));
        paths.add(Arguments.of("direct-2t", (Path) (q, c) -> Gemm.direct(Gemm.KERNEL, 2,
                q.transA, q.transB, q.m, q.n, q.k, q.a, q.aOff, q.lda, q.b, q.bOff, q.ldb, q.beta, c, q.cOff, q.ldc)));
        paths.add(Arguments.of("scalar-public", (Path) (q, c) -> Gemm.sgemm(ScalarKernel.INSTANCE, 2,
                q.transA, q.transB, q.m, q.n, q.k, q.a, q.aOff, q.lda, q.b, q.bOff, q.ldb, q.beta, c, q.cOff, q.ldc)));
        paths.add(Arguments.of("scalar-packed", packed(ScalarKernel.INSTANCE, 1)));
        paths.add(Arguments.of("scalar-packed-2t", packed(ScalarKernel.INSTANCE, 2)));
        if (VECTOR != null) {
            paths.add(Arguments.of("vector-packed", packed(VECTOR, 1)));
            paths.add(Arguments.of("vector-packed-2t", packed(VECTOR, 2)));
            if (VECTOR.tall() != VECTOR) {  // the 8-row tile (512-bit lanes), as every path is
                paths.add(Arguments.of("vector-tall-packed", packed(VECTOR.tall(), 1)));
                paths.add(Arguments.of("vector-tall-packed-2t", packed(VECTOR.tall(), 2)));
            }
        }
        return paths;
    }

    static Path packed(MicroKernel kernel, int threads) {
        return (q, c) -> Gemm.packed(kernel, threads, q.transA, q.transB, q.m, q.n, q.k,
                q.a, q.aOff, q.lda, q.b, q.bOff, q.ldb, q.beta, c, q.cOff, q.ldc);
    }

    /** Odd sizes, unit dimensions, and shapes either side of the direct/packed/thread limits. */
    static List<int[]> shapes() {
        List<int[]> s = new ArrayList<>();
        int[] sizes = {1, 2, 7, 17, 33, 65};
        for (int m : sizes) for (int n : sizes) for (int k : sizes) s.add(new int[] {m, n, k});
        s.add(new int[] {1, 16, 16});     // RNN step, H = 16
        s.add(new int[] {49, 16, 1});     // input projection, I = 1
        s.add(new int[] {31, 32, 33});    // around DIRECT_WORK
        s.add(new int[] {32, 32, 32});
        s.add(new int[] {3, 200, 70});    // few rows
        s.add(new int[] {130, 257, 3});
        s.add(new int[] {257, 130, 300}); // two K blocks, crosses the thread limit
        s.add(new int[] {130, 257, 257});
        s.add(new int[] {6, 2100, 20});   // more than one NC block
        s.add(new int[] {400, 40, 20});   // more than one MC block
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void matchesDoubleAndFmaChainBitForBit(String name, Path path) {
        long seed = 1;
        for (int[] s : shapes()) {
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 2) != 0, transB = (t & 1) != 0;
                for (float beta : new float[] {0f, 1f, 0.5f}) {
                    Problem q = new Problem(transA, transB, s[0], s[1], s[2], beta, seed++);
                    float[] c = q.run(path);
                    q.checkAgainstDouble(c, name);
                    assertBitEqual(q.fmaChain(), c, name + " " + q);
                }
            }
        }
    }

    @Test
    void largerOddShapesAllPathsAgree() {
        int[][] shapes = {{257, 257, 257}, {513, 65, 130}, {1, 257, 520}, {130, 1, 257},
            {2, 4100, 1100}, // a few-row product big enough to split the direct path
            {100, 40, 700}, {256, 64, 1600}, // TN with A read in place: partial panel, K blocks
            {1600, 1, 64}, {1600, 64, 1}, {333, 5, 90}}; // a Linear(H, 1) head, its outer product, few columns
        long seed = 100;
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                Problem q = new Problem((t & 2) != 0, (t & 1) != 0, s[0], s[1], s[2], 1f, seed++);
                float[] expected = q.fmaChain();
                q.checkAgainstDouble(expected, "fma chain");
                for (Arguments p : paths()) {
                    Object[] args = p.get();
                    assertBitEqual(expected, q.run((Path) args[1]), args[0] + " " + q);
                }
            }
        }
    }

    @Test
    void threadedResultEqualsSingleThreadedBitForBit() {
        MicroKernel kernel = VECTOR != null ? VECTOR : ScalarKernel.INSTANCE;
        for (int t = 0; t < 4; t++) {
            // Both split directions: rows (tall C) and columns (wide C).
            for (int[] s : new int[][] {{600, 70, 333}, {70, 600, 333}}) {
                Problem q = new Problem((t & 2) != 0, (t & 1) != 0, s[0], s[1], s[2], 1f, 7 + t);
                assertTrue((long) q.m * q.n * q.k >= 2 * Gemm.WORK_PER_THREAD, "must actually split");
                float[] one = q.run(packed(kernel, 1));
                for (int threads = 2; threads <= 5; threads++) {
                    assertBitEqual(one, q.run(packed(kernel, threads)), threads + " threads " + q);
                }
                assertBitEqual(one, q.run((qq, c) -> Gemm.sgemm(qq.transA, qq.transB, qq.m, qq.n, qq.k,
                        qq.a, qq.aOff, qq.lda, qq.b, qq.bOff, qq.ldb, qq.beta, c, qq.cOff, qq.ldc)), "public " + q);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void zeroTimesNanIsNanAndBetaZeroIgnoresOldC(String name, Path path) {
        for (int[] s : new int[][] {{1, 16, 16}, {3, 5, 2}, {40, 70, 50}}) {
            for (int t = 0; t < 4; t++) {
                Problem q = new Problem((t & 2) != 0, (t & 1) != 0, s[0], s[1], s[2], 0f, 3);
                // A row 0 all zeros, B row p=1 has a NaN in column 2: C[0,2] = 0·NaN + ... = NaN.
                for (int p = 0; p < q.k; p++) q.a[q.transA ? q.aOff + p * q.lda : q.aOff + p] = 0f;
                int p = Math.min(1, q.k - 1), j = Math.min(2, q.n - 1);
                q.b[q.transB ? q.bOff + j * q.ldb + p : q.bOff + p * q.ldb + j] = Float.NaN;
                // Old C full of NaN and infinities must not leak through beta = 0.
                for (int i = 0; i < q.m; i++) {
                    for (int jj = 0; jj < q.n; jj++) q.c0[q.cOff + i * q.ldc + jj] = (jj & 1) == 0 ? Float.NaN : Float.POSITIVE_INFINITY;
                }
                float[] c = q.run(path);
                for (int i = 0; i < q.m; i++) {
                    for (int jj = 0; jj < q.n; jj++) {
                        float v = c[q.cOff + i * q.ldc + jj];
                        if (jj == j) assertTrue(Float.isNaN(v), name + " " + q + " expected NaN at " + i + "," + jj);
                        else assertTrue(Float.isFinite(v), name + " " + q + " unexpected " + v + " at " + i + "," + jj);
                    }
                }
                assertBitEqual(q.fmaChain(), c, name + " " + q);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void betaOneAccumulatesNanFromOldC(String name, Path path) {
        Problem q = new Problem(false, false, 40, 70, 50, 1f, 5);
        q.c0[q.cOff + 3 * q.ldc + 4] = Float.NaN;
        float[] c = q.run(path);
        assertTrue(Float.isNaN(c[q.cOff + 3 * q.ldc + 4]));
        assertTrue(Float.isFinite(c[q.cOff + 3 * q.ldc + 5]));
    }

    @Test
    void tallTileIsTallerWithTheSameColumns() {
        MicroKernel kernel = Gemm.KERNEL;
        assertEquals(kernel.nr(), kernel.tall().nr());
        assertTrue(kernel.tall().mr() >= kernel.mr());
        if (VECTOR != null && VECTOR.nr() >= 32) assertEquals(8, VECTOR.tall().mr(), "512-bit lanes: 8-row tile");
    }

    @Test
    void kZeroScalesC() {
        float[] c = {1, 2, Float.NaN, 4};
        Gemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertEquals(0.5f, c[0]);
        assertTrue(Float.isNaN(c[2]));
        Gemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, 0f, c, 0, 2);
        assertEquals(0f, c[2]);
    }

    @Test
    void rejectsRowStridesShorterThanRows() {
        float[] x = new float[64];
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 3, x, 0, 2, x, 0, 2, 0f, x, 0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(true, false, 3, 2, 2, x, 0, 2, x, 0, 2, 0f, x, 0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, true, 2, 2, 3, x, 0, 3, x, 0, 2, 0f, x, 0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 3, 2, x, 0, 2, x, 0, 3, 0f, x, 0, 2));
        // One-row operands may use any stride, as in BLAS.
        Gemm.sgemm(false, false, 1, 2, 3, x, 0, 0, x, 0, 2, 0f, x, 32, 0);
    }

    @Test
    void vectorKernelLoadsWhenModulePresent() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && Boolean.parseBoolean(System.getProperty("rnn4j.vector", "true"))) {
            assertNotNull(VECTOR);
            assertEquals(VECTOR, Gemm.KERNEL);
        } else {
            assertEquals(ScalarKernel.INSTANCE, Gemm.KERNEL);
        }
    }

    static void assertBitEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])
                    && !(Float.isNaN(expected[i]) && Float.isNaN(actual[i]))) {
                fail(what + ": index " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }
}
