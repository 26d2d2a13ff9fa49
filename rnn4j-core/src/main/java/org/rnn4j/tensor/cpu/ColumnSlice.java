package org.rnn4j.tensor.cpu;

/**
 * One thread's part of a backward scan: batch rows [b0, b1) and columns [j0, j1) of W_hh
 * [G*H, P] (read in place by the direct row kernel for few rows, else packed once as
 * {@link PackedGemm} packs B), for dh[b0:b1, j0:j1] += dhp[s][b0:b1] · W_hh[:, j0:j1].
 */
final class ColumnSlice {
    final int b0, j0, n, k, p;
    /** Rows of this block: b1 - b0. */
    final int batch;
    final float[] whh;
    final float[] packed;
    final int kcMax;
    float[] ap;
    float[] tile;

    ColumnSlice(ScanState st, ScanWeights w, int b0, int b1, int j0, int j1) {
        this.b0 = b0;
        this.j0 = j0;
        this.n = j1 - j0;
        this.k = st.gates * st.hidden;
        this.p = st.outHidden;
        this.batch = b1 - b0;
        this.whh = w.whh();
        MicroKernel kernel = Gemm.KERNEL;
        int blocks = PackedGemm.kBlocks(k);
        kcMax = (k + blocks - 1) / blocks;
        if (batch < Gemm.DIRECT_ROWS) {
            packed = null;
        } else {
            int nr = kernel.nr();
            int panels = (n + nr - 1) / nr;
            packed = Workspace.take(panels * nr * k);
            int off = 0;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                Packing.packB(false, whh, 0, p, pc, kc, j0, n, nr, packed, off);
                off += panels * kc * nr;
            }
            int mr = kernel.mr();
            ap = new float[PackedGemm.roundUp(batch, mr) * kcMax];
            tile = new float[mr * nr];
        }
    }

    /** Gives the packed slice back to the {@link Workspace} pool once the scan is over. */
    void release() {
        Workspace.give(packed);
    }

    /**
     * dh[b0:b1, j0:j1] += a[b0:b1] · W_hh[:, j0:j1], a [B, k] at aOff (row stride k), dh [B, P]:
     * one fma chain per element.
     */
    void multiply(float[] a, int aOff, float[] dh) {
        MicroKernel kernel = Gemm.KERNEL;
        aOff += b0 * k;
        int dhOff = b0 * p;
        if (packed == null) {
            DirectGemm.multiply(kernel, false, false, batch, n, k, a, aOff, k, whh, j0, p, 1f, dh, dhOff + j0, p);
            return;
        }
        int mr = kernel.mr();
        int nr = kernel.nr();
        int panels = (n + nr - 1) / nr;
        int bBlock = 0;
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            Packing.packA(false, a, aOff, k, 0, batch, pc, kc, mr, ap, 0);
            for (int jr = 0; jr < n; jr += nr) {
                int cols = Math.min(nr, n - jr);
                int bpOff = bBlock + (jr / nr) * kc * nr;
                for (int ir = 0; ir < batch; ir += mr) {
                    int rowsLeft = Math.min(mr, batch - ir);
                    int apOff = (ir / mr) * kc * mr;
                    int cIdx = dhOff + ir * p + j0 + jr;
                    if (rowsLeft == mr && cols == nr) {
                        kernel.compute(kc, ap, apOff, packed, bpOff, dh, cIdx, p, 1f);
                    } else {
                        PackedGemm.edgeTile(kernel, kc, ap, apOff, packed, bpOff, dh, cIdx, p,
                                rowsLeft, cols, 1f, tile);
                    }
                }
            }
            bBlock += panels * kc * nr;
        }
    }
}
