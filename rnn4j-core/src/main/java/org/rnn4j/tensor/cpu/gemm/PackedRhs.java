package org.rnn4j.tensor.cpu.gemm;

import org.rnn4j.tensor.cpu.parallel.BufferPool;

/**
 * A right-hand operand packed once and multiplied many times (a persistent scan's slice of
 * W_hh, once per step): op(B) [k, n] in {@link PackedGemm}'s panel layout for every K block,
 * with one thread's packing scratch for the left operand. The products run
 * {@link PackedGemm}'s loops, so each element is the same fma chain as on every other path.
 * A left operand whose row count the {@link MicroKernel#tall} tile divides is multiplied with
 * that tile (a scan thread's 32 rows as four 8-row tiles, not five 6-row tiles and a padded one),
 * read in place (see {@link #readsInPlace}).
 */
public final class PackedRhs {
    private final int k, n, kcMax;
    /** [ceil(n/nr)*nr * k]: the K blocks one after the other, each as ceil(n/nr) panels [kc][nr]. */
    private final float[] packed;
    private final float[] ap;    // [roundUp(maxRows, tile height) * kcMax], either kernel
    private final float[] tile;  // [tile height * nr], either kernel

    /**
     * Packs op(B)[0:k, j0:j0+n], B stored at bOff with row stride ldb (transB: stored n×k), for
     * left operands of at most maxRows rows.
     */
  public   PackedRhs(boolean transB, float[] b, int bOff, int ldb, int j0, int n, int k, int maxRows) {
        MicroKernel kernel = Gemm.KERNEL;
        int nr = kernel.nr();
        int mr = kernel.mr();
        this.k = k;
        this.n = n;
        int blocks = PackedGemm.kBlocks(k);
        this.kcMax = (k + blocks - 1) / blocks;
        int panels = (n + nr - 1) / nr;
        packed = BufferPool.take(panels * nr * k);
        for (int pc = 0, off = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            Packing.packB(transB, b, bOff, ldb, pc, kc, j0, n, nr, packed, off);
            off += panels * kc * nr;
        }
        int tallMr = kernel.tall().mr();
        ap = BufferPool.take(Math.max(PackedGemm.roundUp(maxRows, mr), PackedGemm.roundUp(maxRows, tallMr)) * kcMax); // packA writes (and zero-pads) what it reads
        tile = new float[Math.max(mr, tallMr) * nr];
    }

    /**
     * C = beta·C + A · op(B): A [rows, k] row-major at aOff (row stride lda), C [rows, n] at
     * cOff (row stride ldc); beta 0 (C not read) or 1.
     */
    public void multiply(int rows, float[] a, int aOff, int lda, float beta, float[] c, int cOff, int ldc) {
        MicroKernel tall = Gemm.KERNEL.tall();
        int tallRows = rows - rows % tall.mr();
        if (tall != Gemm.KERNEL && tallRows > 0 && tallRows < rows) {
            // The rows the tall tile divides with it, the rest with the regular tile: a packed
            // batch's scan parts have any row count (rows end), e.g. 37 = 32 + 5, not 7 tiles of
            // 6. Every element is the same fma chain either way.
            multiply(tallRows, a, aOff, lda, beta, c, cOff, ldc);
            multiply(rows - tallRows, a, aOff + tallRows * lda, lda, beta, c, cOff + tallRows * ldc, ldc);
            return;
        }
        boolean useTall = tall != Gemm.KERNEL && rows % tall.mr() == 0;
        MicroKernel kernel = useTall ? tall : Gemm.KERNEL;
        boolean inPlace = useTall && readsInPlace(lda);
        int mr = kernel.mr();
        int nr = kernel.nr();
        int panels = (n + nr - 1) / nr;
        int bBlock = 0;
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            float cScale = pc == 0 ? beta : 1f;
            if (!inPlace) Packing.packA(kernel, false, a, aOff, lda, 0, rows, pc, kc, ap, 0);
            for (int jr = 0; jr < n; jr += nr) {
                int cols = Math.min(nr, n - jr);
                int bpOff = bBlock + (jr / nr) * kc * nr;
                for (int ir = 0; ir < rows; ir += mr) {
                    int rowsLeft = Math.min(mr, rows - ir);
                    int apOff = (ir / mr) * kc * mr;
                    int cIdx = cOff + ir * ldc + jr;
                    if (inPlace) {
                        PackedGemm.stridedTile(kernel, kc, a, aOff + ir * lda + pc, lda, 1, packed, bpOff,
                                c, cIdx, ldc, cols, cScale, tile);
                    } else if (rowsLeft == mr && cols == nr) {
                        kernel.compute(kc, ap, apOff, packed, bpOff, c, cIdx, ldc, cScale);
                    } else {
                        PackedGemm.edgeTile(kernel, kc, ap, apOff, packed, bpOff, c, cIdx, ldc,
                                rowsLeft, cols, cScale, tile);
                    }
                }
            }
            bBlock += panels * kc * nr;
        }
    }

    /**
     * Whether the tall tile reads A where it lies ({@link MicroKernel#computeStrided}) instead
     * of packing it every call. A scan's rows of h[s] are a few KiB that stay in L1, and
     * packing them per step cost 4% of an lstm-small training step (alternating runs, medians
     * of 6: 1.178 -> 1.132 ms in place; lstm-medium inference 32.9 -> 32.1 ms). Not at a row
     * stride that is a multiple of 4 KiB (the backward's dhp rows when 4H = 1024): there the 8
     * rows fall into the same L1 sets (lstm-medium training was 2% slower in place).
     */
    private static boolean readsInPlace(int lda) {
        return lda % 1024 != 0;
    }

    /** Gives the packed panels and the A scratch back to the {@link BufferPool} pool; the operand is unusable after. */
    public void release() {
        BufferPool.give(packed, ap);
    }
}
