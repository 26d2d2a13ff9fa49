package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.tensor.cpu.gemm.Gemm;
import org.rnn4j.tensor.cpu.gemm.PackedRhs;
import org.rnn4j.tensor.cpu.math.Elementwise;
import org.rnn4j.tensor.cpu.gemm.MicroKernel;
import org.rnn4j.tensor.cpu.parallel.BufferPool;

/**
 * One thread's part of a forward scan: batch rows [b0, b1) and hidden units [j0, j1). Holds its
 * slice of W_hh^T (the G gate columns of its units), laid out for its GEMM, and its hidden
 * projection buffer hp [b1-b0, G*u] (gate g of unit j at column g*u + j - j0).
 */
final class UnitSlice {
    private static final Elementwise EW = Elementwise.get();
    /** Columns per contiguous block of the few-row layout: one 4-vector chunk of the row kernel. */
    static final int BLOCK = 64;
    /**
     * W_hh rows read side by side while the slice is laid out. Rows P floats apart (1 KiB for
     * P = 256) share a few L1 sets: 64 at once evicted each other. Alternating runs, batch-1
     * LSTM inference (T100 I128 H256 L2), medians of 10: 1.239 -> 1.189 ms with 16.
     */
    static final int TRANSPOSE_ROWS = 16;
    final int b0, b1, j0, j1, n, k;
    final Block block;
    /** The rows of this block that run at the current step (all of them but in a packed batch). */
    private Block active;
    /** Rows of this block: b1 - b0. */
    final int batch;
    /** Few rows: W_hh^T slice [P, G*u] read in place by the direct row kernel. */
    final float[] wt;
    /** Many rows: the slice packed once. */
    final PackedRhs packed;
    final float[] hp;
    /**
     * The product goes straight into the saved gates of step s (an LSTM slice of all units, for
     * backward): the cell then activates them in place instead of copying them there.
     */
    final boolean intoSaved;
    final float[] bias;

    UnitSlice(CellKernel cell, ScanState st, ScanWeights w, Block block) {
        this.b0 = block.b0();
        this.b1 = block.b1();
        this.j0 = block.j0();
        this.j1 = block.j1();
        this.block = block;
        this.active = block;
        int u = j1 - j0;
        int hsz = st.hidden;
        this.k = st.outHidden;
        this.n = st.gates * u;
        this.batch = b1 - b0;
        if (w.bhh() != null) {
            bias = new float[n];
            for (int g = 0; g < st.gates; g++) System.arraycopy(w.bhh(), g * hsz + j0, bias, g * u, u);
        } else {
            bias = null;
        }
        intoSaved = cell.gatesLeadSaved() && st.forBackward() && j0 == 0 && j1 == hsz
                && batch >= Gemm.DIRECT_ROWS;
        hp = intoSaved ? null : new float[batch * n];
        if (batch < Gemm.DIRECT_ROWS) {
            // W_hh^T slice in blocks of BLOCK columns, each block [P, width] contiguous, so
            // that the row kernel streams every block linearly (at a row stride of a whole
            // slice the loads jump 2 KB each and the hardware prefetch falls behind).
            wt = BufferPool.take(k * n);  // pooled: a fresh 512 KB array per call was zeroed first
            float[] whh = w.whh();
            int[] src = new int[BLOCK];
            for (int c0 = 0; c0 < n; c0 += BLOCK) {
                int width = Math.min(BLOCK, n - c0);
                int base = c0 * k;
                for (int cc = 0; cc < width; cc++) {
                    int col = c0 + cc;
                    src[cc] = ((col / u) * hsz + j0 + col % u) * k;  // row of W_hh for this gate column
                }
                // TRANSPOSE_ROWS source rows at a time, each read along q.
                for (int c1 = 0; c1 < width; c1 += TRANSPOSE_ROWS) {
                    int c2 = Math.min(width, c1 + TRANSPOSE_ROWS);
                    for (int q = 0, d = base; q < k; q++, d += width) {
                        for (int cc = c1; cc < c2; cc++) wt[d + cc] = whh[src[cc] + q];
                    }
                }
            }
            packed = null;
        } else {
            wt = null;
            // The gates' rows of W_hh for these units: [G*u, P], each gate one contiguous copy.
            float[] rows = BufferPool.take(n * k);
            for (int g = 0; g < st.gates; g++) {
                System.arraycopy(w.whh(), (g * hsz + j0) * k, rows, g * u * k, u * k);
            }
            packed = new PackedRhs(true, rows, 0, k, 0, n, k, batch);
            BufferPool.give(rows);
        }
    }

    /** Gives the slice back to the {@link BufferPool} pool once the scan is over. */
    void release() {
        if (packed != null) packed.release();
        BufferPool.give(wt);
    }

    /**
     * hp = h[s] · slice + b_hh for this block's rows that run at step s (all of [b0, b1) but in a
     * packed batch, see {@link StepRows}), then the cell for them; nothing when none runs.
     */
    void step(CellKernel cell, ScanState st, int s) {
        int end = Math.min(b1, st.rows(s));
        int rows = end - b0;
        if (rows <= 0) return;
        if (active.b1() != end) active = new Block(b0, end, j0, j1);  // once per change of the row count
        int hOff = st.inRow(s, b0) * k;
        float[] out = intoSaved ? st.saved : hp;     // [rows, n] at outOff, row stride ld
        int outOff = intoSaved ? st.savedOffset(s, b0) : 0;
        int ld = intoSaved ? st.savedOffset(s, b0 + 1) - outOff : n;
        if (wt != null) {
            MicroKernel kernel = Gemm.KERNEL;
            for (int c0 = 0; c0 < n; c0 += BLOCK) {
                int width = Math.min(BLOCK, n - c0);
                for (int i = 0; i < rows; i++) {
                    kernel.directRow(width, k, st.h, hOff + i * k, 1, wt, c0 * k, width, 0f, out, outOff + i * ld + c0);
                }
            }
        } else {
            packed.multiply(rows, st.h, hOff, k, 0f, out, outOff, ld);
        }
        if (bias != null) {
            for (int i = 0; i < rows; i++) EW.add(out, outOff + i * ld, bias, 0, out, outOff + i * ld, n);
        }
        cell.forwardUnits(st, s, active, out, outOff, ld);
    }
}
