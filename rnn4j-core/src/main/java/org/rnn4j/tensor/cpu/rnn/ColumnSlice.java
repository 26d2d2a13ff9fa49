package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.tensor.cpu.gemm.DirectGemm;
import org.rnn4j.tensor.cpu.gemm.Gemm;
import org.rnn4j.tensor.cpu.gemm.MicroKernel;
import org.rnn4j.tensor.cpu.gemm.PackedRhs;

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
    /** Many rows: the columns of W_hh packed once; few rows: null, W_hh is read in place. */
    final PackedRhs packed;

    ColumnSlice(ScanState st, ScanWeights w, Block block) {
        this.b0 = block.b0();
        this.j0 = block.j0();
        this.n = block.j1() - block.j0();
        this.k = st.gates * st.hidden;
        this.p = st.outHidden;
        this.batch = block.b1() - block.b0();
        this.whh = w.whh();
        packed = batch < Gemm.DIRECT_ROWS ? null : new PackedRhs(false, whh, 0, p, j0, n, k, batch);
    }

    /** Gives the packed slice back to the {@link BufferPool} pool once the scan is over. */
    void release() {
        if (packed != null) packed.release();
    }

    /**
     * dh[b0:b0+rows, j0:j1] += a[b0:b0+rows] · W_hh[:, j0:j1], a [B, k] at aOff (row stride k),
     * dh [B, P]: one fma chain per element. rows: this block's rows that ran the step (at most b1-b0).
     */
    void multiply(int rows, float[] a, int aOff, float[] dh) {
        MicroKernel kernel = Gemm.KERNEL;
        aOff += b0 * k;
        int dhOff = b0 * p;
        if (packed == null) {
            DirectGemm.multiply(kernel, false, false, rows, n, k, a, aOff, k, whh, j0, p, 1f, dh, dhOff + j0, p);
            return;
        }
        packed.multiply(rows, a, aOff, k, 1f, dh, dhOff + j0, p);
    }
}
