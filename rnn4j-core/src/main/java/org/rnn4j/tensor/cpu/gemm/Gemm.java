package org.rnn4j.tensor.cpu.gemm;

import org.rnn4j.tensor.cpu.parallel.GemmPool;
import org.rnn4j.tensor.cpu.math.VectorSupport;

/**
 * Single-precision general matrix multiply on row-major arrays, BLAS style:
 * {@code C = op(A) · op(B) + beta · C}, where {@code op(A)} is m×k and {@code op(B)} is k×n.
 *
 * <p>Three paths, chosen by shape only:
 * <ul>
 *   <li>tiny, few-row, few-column or short-k products run {@link DirectGemm} plain loops (no
 *       packing);</li>
 *   <li>larger ones pack panels and run a register-tiled {@link MicroKernel} in
 *       {@link PackedGemm}: the Vector API kernel when module {@code jdk.incubator.vector} is
 *       present (and {@code -Drnn4j.vector=false} is not set), a scalar one otherwise;</li>
 *   <li>products with enough work are split over rows or columns of C (never over k) between
 *       the caller and {@link GemmPool}.</li>
 * </ul>
 * Every path computes each element of C as the same {@link Math#fma} chain over p = 0..k-1
 * started from {@code beta·C} (from 0 when beta is 0), so results are bit-identical across
 * paths, thread counts and the presence of the Vector API. Zeros in A are not skipped:
 * {@code 0·NaN} gives NaN, as a naive triple loop does.
 */
public final class Gemm {
    /** Below this many multiply-adds (about 25³) packing costs more than it saves. */
    static final long DIRECT_WORK = 16384;
    /**
     * Fewer rows than this: the direct row kernel reads each B row once, while the packed
     * kernel would copy all of B and then waste most of its 6-row tile (measured 4x256x256: even).
     */
    public static final int DIRECT_ROWS = 4;
    /** Multiply-adds each extra thread must get to repay the handoff (~tens of µs). */
    public static final long WORK_PER_THREAD = 1L << 21;

    /** The micro-kernel used by {@link #sgemm}. */
    public static final MicroKernel KERNEL = chooseKernel();

    private Gemm() {}

    /**
     * @param transA false: A is stored m×k (row stride lda ≥ k); true: A is stored k×m (lda ≥ m)
     * @param transB false: B is stored k×n (ldb ≥ n); true: B is stored n×k (ldb ≥ k)
     * @param a      A storage, first element at aOff
     * @param b      B storage, first element at bOff
     * @param beta   0 overwrites C (C is not read), 1 accumulates into C
     * @param c      C storage [m, n] with row stride ldc ≥ n, first element at cOff
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemm(KERNEL, GemmPool.MAX_THREADS, transA, transB, m, n, k,
                a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** {@link #sgemm} with an explicit packed kernel and thread cap (tests, benchmarks). */
    public static void sgemm(MicroKernel kernel, int maxThreads,
                      boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda,       // op(A): [m, k]
                      float[] b, int bOff, int ldb,       // op(B): [k, n]
                      float beta,
                      float[] c, int cOff, int ldc) {     // C: [m, n]
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size m=" + m + " n=" + n + " k=" + k);
        }
        checkStride("lda", lda, transA ? k : m, transA ? m : k);
        checkStride("ldb", ldb, transB ? n : k, transB ? k : n);
        checkStride("ldc", ldc, m, n);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            for (int i = 0; i < m; i++) DirectGemm.scaleRow(beta, c, cOff + i * ldc, n);
            return;
        }
        long work = (long) m * n * k;
        // Few rows, few columns (a GEMV such as a Linear(H, 1) head) or a short k (an outer
        // product): the 6x32 tile would be mostly padding and packing would cost more than it saves.
        if (work < DIRECT_WORK || m < DIRECT_ROWS || n < DirectGemm.NARROW || k < DirectGemm.NARROW) {
            direct(kernel, maxThreads, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        packed(kernel, maxThreads, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * Direct path; a few-row product with a lot of work (say [2, 4096]x[4096, 4096]) is split
     * over column blocks of C, each a whole number of 64-float chunks.
     */
    static void direct(MicroKernel kernel, int maxThreads,
                       boolean transA, boolean transB, int m, int n, int k,
                       float[] a, int aOff, int lda,      // op(A): [m, k]
                       float[] b, int bOff, int ldb,      // op(B): [k, n]
                       float beta,
                       float[] c, int cOff, int ldc) {    // C: [m, n]
        final int chunk = 64;
        int chunks = (n + chunk - 1) / chunk;
        int threads = threads((long) m * n * k, maxThreads, chunks);
        if (threads == 1) {
            DirectGemm.multiply(kernel, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        GemmPool.run(threads, threads, t -> {
            int from = Math.min(n, chunks * t / threads * chunk);
            int to = Math.min(n, chunks * (t + 1) / threads * chunk);
            if (from >= to) return;
            int bFrom = bOff + (transB ? from * ldb : from);
            DirectGemm.multiply(kernel, transA, transB, m, to - from, k,
                    a, aOff, lda, b, bFrom, ldb, beta, c, cOff + from, ldc);
        });
    }

    /** How many threads a product of {@code work} multiply-adds in {@code parts} pieces gets. */
    private static int threads(long work, int maxThreads, int parts) {
        return (int) Math.max(1, Math.min(Math.min(maxThreads, parts), work / WORK_PER_THREAD));
    }

    /**
     * Packed path. Tall C (at least as many row tiles as column tiles) goes to
     * {@link SharedPackedGemm}, which shares one packed B and hands out row blocks; wide C is
     * cut into one column range of whole micro-tiles per thread, each thread packing its own B
     * columns (and all of A, cheap next to its share of the multiply-adds).
     */
    static void packed(MicroKernel kernel, int maxThreads,
                       boolean transA, boolean transB, int m, int n, int k,
                       float[] a, int aOff, int lda,      // op(A): [m, k]
                       float[] b, int bOff, int ldb,      // op(B): [k, n]
                       float beta,
                       float[] c, int cOff, int ldc) {    // C: [m, n]
        long work = (long) m * n * k;
        int mTiles = (m + kernel.mr() - 1) / kernel.mr();
        int nTiles = (n + kernel.nr() - 1) / kernel.nr();
        boolean tall = mTiles >= nTiles;
        int threads = threads(work, maxThreads, tall ? mTiles : nTiles);
        if (threads == 1) {
            PackedGemm.multiply(kernel, transA, transB, 0, m, 0, n, k,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (tall) {
            SharedPackedGemm.multiply(kernel, threads, transA, transB, m, n, k,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            int nr = kernel.nr();
            GemmPool.run(threads, threads, t -> {
                int from = Math.min(n, (int) ((long) nTiles * t / threads) * nr);
                int to = Math.min(n, (int) ((long) nTiles * (t + 1) / threads) * nr);
                if (from < to) {
                    PackedGemm.multiply(kernel, transA, transB, 0, m, from, to, k,
                            a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                }
            });
        }
    }

    /** A matrix of more than one row needs a row stride of at least its width (BLAS rule). */
    private static void checkStride(String name, int ld, int rows, int cols) {
        if (rows > 1 && ld < cols) {
            throw new IllegalArgumentException(name + "=" + ld + " is less than the row width " + cols);
        }
    }

    /** The Vector API kernel, or null when the module is absent or disabled. */
    static MicroKernel vectorKernel() {
        return VectorKernelHolder.KERNEL;
    }

    private static MicroKernel chooseKernel() {
        MicroKernel v = vectorKernel();
        return v != null ? v : ScalarKernel.INSTANCE;
    }

    /** Resolves the Vector API kernel once ({@link VectorSupport#enabled}), without linking to it when the module is absent. */
    private static final class VectorKernelHolder {
        public static final MicroKernel KERNEL = load();

        private static MicroKernel load() {
            if (!VectorSupport.enabled()) return null;
            try {
                // Reflection keeps VectorKernel (and jdk.incubator.vector) unlinked otherwise.
                Class<?> k = Class.forName("org.rnn4j.tensor.cpu.gemm.VectorKernel");
                MicroKernel kernel = (MicroKernel) k.getDeclaredField("INSTANCE").get(null);
                // Under 256-bit lanes (no AVX2) the scalar kernel is as good and safer.
                return kernel.nr() >= 16 ? kernel : null;
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
    }
}
