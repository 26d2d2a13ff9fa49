package org.rnn4j.tensor.cpu.gemm;

import java.util.concurrent.atomic.AtomicInteger;
import org.rnn4j.tensor.cpu.parallel.GemmPool;

/**
 * Multithreaded packed GEMM for C with at least as many row tiles as column tiles: op(B) is
 * packed once into a buffer all threads read, then threads claim blocks of C rows one at a
 * time. Compared with giving each thread a fixed half of C this packs B once instead of once
 * per thread, and a thread slowed down by another process on its core simply claims fewer
 * row blocks instead of holding up the whole product.
 *
 * <p>Work items are numbered so that they are claimed in order (see {@link GemmPool#run}):
 * first the pack items (one K block × 8 B panels each), then the row blocks. A row block waits
 * only until every pack item is finished; pack items are claimed before any row block, by a
 * thread that is running, so that wait is short. The per-row-block loops are those of
 * {@link PackedGemm} (K block, B panel, A panel), so each element of C is still the same fma
 * chain over p: results are bit-identical to the single-threaded path.
 */
final class SharedPackedGemm {
    /** B panels per pack item. */
    private static final int PACK_PANELS = 8;
    /** Row blocks per thread to aim for: enough to even out uneven progress. */
    private static final int BLOCKS_PER_THREAD = 4;

    private SharedPackedGemm() {}

    static void multiply(MicroKernel kernel, int threads, boolean transA, boolean transB,
                         int m, int n, int k,
                         float[] a, int aOff, int lda,     // op(A): [m, k]
                         float[] b, int bOff, int ldb,     // op(B): [k, n]
                         float beta,
                         float[] c, int cOff, int ldc) {   // C: [m, n]
        final int mr = kernel.mr();
        final int nr = kernel.nr();
        final int blocks = PackedGemm.kBlocks(k);
        final int kcMax = (k + blocks - 1) / blocks;
        final int panels = (n + nr - 1) / nr;
        final int groups = (panels + PACK_PANELS - 1) / PACK_PANELS;
        final int packItems = blocks * groups;
        // Row block: whole A panels, at most the L2-sized MC, small enough to share out.
        final int rows = Math.max(mr, Math.min(PackedGemm.MC_PANELS * mr,
                PackedGemm.roundUp((m + threads * BLOCKS_PER_THREAD - 1) / (threads * BLOCKS_PER_THREAD), mr)));
        final int rowItems = (m + rows - 1) / rows;

        // Packed op(B): K block q (depth kc_q, from p = q*kcMax) holds `panels` panels
        // [kc_q][nr] starting at q*kcMax*panels*nr.
        long size = (long) k * panels * nr;
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("op(B) too large to pack: " + size);
        // Beyond PackBuffers.KEEP_FLOATS the packed B comes from the BufferPool, given back below.
        PackBuffers own = PackBuffers.get();
        final float[] bp = own.b((int) size);

        AtomicInteger packed = new AtomicInteger();
        GemmPool.run(packItems + rowItems, threads, item -> {
            if (item < packItems) {
                try {
                    int q = item / groups, g = item % groups;
                    int pc = q * kcMax, kc = Math.min(kcMax, k - pc);
                    int j0 = g * PACK_PANELS * nr;
                    int nc = Math.min(PACK_PANELS * nr, n - j0);
                    Packing.packB(transB, b, bOff, ldb, pc, kc, j0, nc, nr,
                            bp, pc * panels * nr + g * PACK_PANELS * kc * nr);
                } finally {
                    packed.incrementAndGet(); // even on failure, or row blocks would wait forever
                }
                return;
            }
            awaitCount(packed, packItems);
            int i0 = (item - packItems) * rows;
            rowBlock(kernel, transA, i0, Math.min(m, i0 + rows), n, k, kcMax, panels,
                    a, aOff, lda, bp, beta, c, cOff, ldc);
        });
        own.giveBack(bp);
    }

    /** C[i0:i1, :] from the shared packed B; A packed per K block into this thread's workspace. */
    private static void rowBlock(MicroKernel kernel, boolean transA, int i0, int i1, int n, int k,
                                 int kcMax, int panels,
                                 float[] a, int aOff, int lda,    // op(A): [m, k]
                                 float[] bp,                      // packed op(B), layout above
                                 float beta,
                                 float[] c, int cOff, int ldc) {  // C: [m, n]
        final int mr = kernel.mr();
        final int nr = kernel.nr();
        final int mc = i1 - i0;
        PackBuffers ws = PackBuffers.get();
        float[] ap = ws.a(PackedGemm.roundUp(mc, mr) * kcMax);
        float[] tile = ws.tile(mr * nr);
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            float cScale = pc == 0 ? beta : 1f;
            // Transposed A is read in place (full panels); only a partial one is packed.
            int inPlace = PackedGemm.readsAInPlace(transA, n, nr) ? mc / mr * mr : 0;
            if (inPlace < mc) {
                Packing.packA(kernel, transA, a, aOff, lda, i0 + inPlace, mc - inPlace, pc, kc, ap, 0);
            }
            for (int g = 0; g < panels; g++) {
                int j = g * nr;
                int cols = Math.min(nr, n - j);
                int bpOff = pc * panels * nr + g * kc * nr;
                for (int ir = 0; ir < mc; ir += mr) {
                    int rowsHere = Math.min(mr, mc - ir);
                    int cIdx = cOff + (i0 + ir) * ldc + j;
                    if (ir < inPlace) {
                        PackedGemm.stridedTile(kernel, kc, a, PackedGemm.aIndex(transA, aOff, lda, i0 + ir, pc),
                                transA ? 1 : lda, transA ? lda : 1, bp, bpOff,
                                c, cIdx, ldc, cols, cScale, tile);
                        continue;
                    }
                    int apOff = ((ir - inPlace) / mr) * kc * mr;
                    if (rowsHere == mr && cols == nr) {
                        kernel.compute(kc, ap, apOff, bp, bpOff, c, cIdx, ldc, cScale);
                    } else {
                        PackedGemm.edgeTile(kernel, kc, ap, apOff, bp, bpOff, c, cIdx, ldc,
                                rowsHere, cols, cScale, tile);
                    }
                }
            }
        }
    }

    /** Waits for pack items already claimed by running threads (microseconds). */
    private static void awaitCount(AtomicInteger counter, int target) {
        for (int spins = 0; counter.get() < target; spins++) {
            if (spins < 1000) Thread.onSpinWait(); else Thread.yield();
        }
    }
}
