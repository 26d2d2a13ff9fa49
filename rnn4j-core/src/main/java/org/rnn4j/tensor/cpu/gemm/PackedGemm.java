package org.rnn4j.tensor.cpu.gemm;

/**
 * Blocked GEMM driver (Goto/BLIS loop order) around a {@link MicroKernel}, for one rectangle
 * {@code C[i0:i1, j0:j1]} of the output; {@link Gemm} hands each thread its own rectangle.
 *
 * <p>Blocking, from the outside in:
 * <ul>
 *   <li>columns in blocks of {@code NC = NC_PANELS·nr}: the packed B block (KC×NC, 2 MiB)
 *       lives in L2/L3;</li>
 *   <li>depth in blocks of at most {@link #KC} (split evenly, so no block is tiny): one
 *       B micro-panel (KC×nr = 32 KiB for nr = 32) stays in the 48 KiB L1 while the kernel
 *       sweeps every A panel past it;</li>
 *   <li>rows in blocks of {@code MC = MC_PANELS·mr}: the packed A block (MC×KC, ~200 KiB)
 *       stays in the 1 MiB L2 while every B micro-panel of the column block is swept.</li>
 * </ul>
 * The first depth block applies beta, the later ones accumulate, so each element of C is the
 * same fma chain over p = 0..k-1 whatever the rectangle: results do not depend on how the
 * work is split between threads.
 */
final class PackedGemm {
    /** Depth of a K block (upper bound; blocks are balanced). */
    static final int KC = 256;
    /** A block height in micro-panels. */
    static final int MC_PANELS = 32;
    /** B block width in micro-panels. */
    static final int NC_PANELS = 64;

    /**
     * Transposed A is read in place instead of packed when at most this many B panels sweep
     * it. Each sweep reads one 24-byte piece per storage row, rows lda apart: with lda a
     * multiple of 1 KiB those land in a handful of L1 sets and a second sweep was measured
     * from 1.5x faster to 3-8x slower than packing, depending on the run ([256,1600]^T x
     * [1600,64]); a single sweep ([256,1600]^T x [1600,32]) was 1.6-1.8x faster every time.
     */
    static final int IN_PLACE_PANELS = 1;

    static boolean readsAInPlace(boolean transA, int cols, int nr) {
        return (cols + nr - 1) / nr <= (transA ? IN_PLACE_PANELS : NN_IN_PLACE_PANELS);
    }

    /**
     * A stored m×k is read in place (mr rows side by side, each contiguous along p) when at
     * most this many B panels sweep it. Measured: [32,256]x[256,64] 1.2-1.6x,
     * [1600,256]x[256,32] 1.5-2x, [6400,1024]x[1024,128] 1.2x; 8 panels even or worse.
     */
    static final int NN_IN_PLACE_PANELS = 4;

    /** Start of op(A)[i, p] read in place: {@link MicroKernel#computeStrided}'s aIdx. */
    static int aIndex(boolean transA, int aOff, int lda, int i, int p) {
        return transA ? aOff + p * lda + i : aOff + i * lda + p;
    }

    private PackedGemm() {}

    /** Number of K blocks used for depth k (never depends on the thread count). */
    static int kBlocks(int k) {
        return (k + KC - 1) / KC;
    }

    /**
     * Computes {@code C[i0:i1, j0:j1] = op(A)[i0:i1, :] · op(B)[:, j0:j1] + beta·C[i0:i1, j0:j1]}.
     * Arguments as in {@link Gemm#sgemm}; {@code k > 0}.
     */
    static void multiply(MicroKernel kernel, boolean transA, boolean transB,
                         int i0, int i1, int j0, int j1, int k,
                         float[] a, int aOff, int lda,     // op(A): [m, k]
                         float[] b, int bOff, int ldb,     // op(B): [k, n]
                         float beta,
                         float[] c, int cOff, int ldc) {   // C: [m, n]
        final int mr = kernel.mr();
        final int nr = kernel.nr();
        final int blocks = kBlocks(k);
        final int kcMax = (k + blocks - 1) / blocks;
        final int mcMax = MC_PANELS * mr;
        final int ncMax = NC_PANELS * nr;
        final int mRows = i1 - i0;
        final int nCols = j1 - j0;

        PackBuffers ws = PackBuffers.get();
        float[] ap = ws.a(roundUp(Math.min(mcMax, mRows), mr) * kcMax);
        float[] bp = ws.b(roundUp(Math.min(ncMax, nCols), nr) * kcMax);
        float[] tile = ws.tile(mr * nr);

        for (int jc = j0; jc < j1; jc += ncMax) {
            int nc = Math.min(ncMax, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float cScale = pc == 0 ? beta : 1f;
                Packing.packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, bp, 0);
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    // Transposed A is read in place (full panels); only a partial one is packed.
                    int inPlace = readsAInPlace(transA, nc, nr) ? mc / mr * mr : 0;
                    if (inPlace < mc) {
                        Packing.packA(kernel, transA, a, aOff, lda, ic + inPlace, mc - inPlace, pc, kc, ap, 0);
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        int bpOff = (jr / nr) * kc * nr;
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            int cIdx = cOff + (ic + ir) * ldc + jc + jr;
                            if (ir < inPlace) {
                                stridedTile(kernel, kc, a, aIndex(transA, aOff, lda, ic + ir, pc),
                                        transA ? 1 : lda, transA ? lda : 1, bp, bpOff,
                                        c, cIdx, ldc, cols, cScale, tile);
                                continue;
                            }
                            int apOff = ((ir - inPlace) / mr) * kc * mr;
                            if (rows == mr && cols == nr) {
                                kernel.compute(kc, ap, apOff, bp, bpOff, c, cIdx, ldc, cScale);
                            } else {
                                edgeTile(kernel, kc, ap, apOff, bp, bpOff, c, cIdx, ldc,
                                        rows, cols, cScale, tile);
                            }
                        }
                    }
                }
            }
        }
        ws.giveBack(ap);
        ws.giveBack(bp);
    }

    /** Runs a full tile on a scratch copy and writes back only the rows×cols that exist. */
    static void edgeTile(MicroKernel kernel, int kc,
                                 float[] ap, int apOff,        // [kc][mr]
                                 float[] bp, int bpOff,        // [kc][nr]
                                 float[] c, int cIdx, int ldc, // [rows, cols] at cIdx
                                 int rows, int cols, float cScale,
                                 float[] tile) {               // scratch [mr, nr]
        int nr = kernel.nr();
        if (cScale != 0f) {
            for (int r = 0; r < rows; r++) System.arraycopy(c, cIdx + r * ldc, tile, r * nr, cols);
        }
        kernel.compute(kc, ap, apOff, bp, bpOff, tile, 0, nr, cScale);
        for (int r = 0; r < rows; r++) System.arraycopy(tile, r * nr, c, cIdx + r * ldc, cols);
    }

    /**
     * A tile of full mr rows whose op(A) is read in place ({@link MicroKernel#computeStrided});
     * a tile narrower than nr runs on a scratch copy of C.
     */
    static void stridedTile(MicroKernel kernel, int kc,
                            float[] a, int aIdx, int aRow, int aCol, // op(A) (r, p) at aIdx + r*aRow + p*aCol
                            float[] bp, int bpOff,           // [kc][nr]
                            float[] c, int cIdx, int ldc,    // [mr, cols] at cIdx
                            int cols, float cScale,
                            float[] tile) {                  // scratch [mr, nr]
        int nr = kernel.nr();
        if (cols == nr) {
            kernel.computeStrided(kc, a, aIdx, aRow, aCol, bp, bpOff, c, cIdx, ldc, cScale);
            return;
        }
        int rows = kernel.mr();
        if (cScale != 0f) {
            for (int r = 0; r < rows; r++) System.arraycopy(c, cIdx + r * ldc, tile, r * nr, cols);
        }
        kernel.computeStrided(kc, a, aIdx, aRow, aCol, bp, bpOff, tile, 0, nr, cScale);
        for (int r = 0; r < rows; r++) System.arraycopy(tile, r * nr, c, cIdx + r * ldc, cols);
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
