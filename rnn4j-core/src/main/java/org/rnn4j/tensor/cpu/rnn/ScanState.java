package org.rnn4j.tensor.cpu.rnn;

import java.util.Arrays;
import org.rnn4j.tensor.cpu.parallel.BufferPool;

/**
 * Workspaces of one direction of one recurrent layer, sized once per call: what the forward scan
 * writes and the backward scan reads. Step {@code s} is the s-th step taken; for the reverse
 * direction it processes time {@code T-1-s}. Where each step's rows lie is {@link StepRows}'s
 * business (by time, by step, state slots); for a dense batch of B rows step s's rows start at
 * s*B in every array, time t's at t*B.
 */
public final class ScanState {
    /** Sequence length, batch, cell hidden size, output (projected) hidden size, gate count. */
    public final int steps, batch, hidden, outHidden, gates;
    /** Every row and unit. */
    public final Block all;
    /** Processes time T-1 first. */
    public final boolean reverse;
    /** N: the rows of all steps (T*B for a dense batch). */
    public final int total;
    /** Which rows each step runs and where they lie. */
    final StepRows layout;
    /** [N, G*H] by time: x · W_ih^T + b_ih for every step, one GEMM before the scan. */
    public final float[] xp;
    /** [B, G*H]: h_{s-1} · W_hh^T + b_hh of the current step. */
    public final float[] hp;
    /** [N+B, P] state slots ({@link StepRows}): slot 0 holds h0, the final slot h_n. */
    public final float[] h;
    /** [N+B, H] state slots: cell states (LSTM), else null. */
    public final float[] c;
    /** [N, H] by step: the LSTM's o ⊙ act(c) before the projection W_hr, else null. */
    public final float[] hpre;
    /**
     * [N, S*H] by step: what the cell saves for backward (activated gates); without backward
     * only [B, S*H], reused by every step (see {@link #savedOffset}).
     */
    public final float[] saved;
    private final boolean forBackward;
    private final int savedPerRow;

    /** A dense state that keeps what backward needs. */
    public ScanState(int steps, int batch, int hidden, int outHidden, CellKernel cell, boolean reverse) {
        this(steps, batch, hidden, outHidden, cell, reverse, true);
    }

    /** @param forBackward false for inference: the saved gates of one step are reused by the next */
    public ScanState(int steps, int batch, int hidden, int outHidden, CellKernel cell, boolean reverse,
                     boolean forBackward) {
        this(StepRows.dense(steps, batch, reverse, hidden), hidden, outHidden, cell, forBackward);
    }

    /**
     * A packed batch: {@code batchSizes[t]} rows at time t (positive, non-increasing).
     *
     * @param forBackward false for inference
     */
    public ScanState(int[] batchSizes, int hidden, int outHidden, CellKernel cell, boolean reverse,
                     boolean forBackward) {
        this(StepRows.packed(batchSizes, reverse, hidden), hidden, outHidden, cell, forBackward);
    }

    private ScanState(StepRows layout, int hidden, int outHidden, CellKernel cell, boolean forBackward) {
        this.layout = layout;
        this.steps = layout.steps;
        this.batch = layout.batch;
        this.total = layout.total;
        this.hidden = hidden;
        this.outHidden = outHidden;
        this.gates = cell.gates();
        this.reverse = layout.reverse;
        this.all = new Block(0, batch, 0, hidden);
        // Every element is written before it is read (GEMMs with beta 0, the cells' stores), except
        // the rows of the state slots that start from the initial state (initialState).
        this.xp = BufferPool.take(total * gates * hidden);
        this.hp = BufferPool.take(batch * gates * hidden);
        this.h = BufferPool.take((total + batch) * outHidden);
        this.c = cell.hasCellState() ? BufferPool.take((total + batch) * hidden) : null;
        this.hpre = outHidden != hidden ? BufferPool.take(total * hidden) : null;
        this.forBackward = forBackward;
        this.savedPerRow = cell.savedPerUnit() * hidden;
        this.saved = BufferPool.take((forBackward ? total : Math.min(total, batch)) * savedPerRow);
    }

    /**
     * Writes the initial state of every row where its scan starts (slot 0 for the forward
     * direction; each row's own first step for the reverse direction of a packed batch).
     *
     * @param h0 [.., B, P] initial hidden states, this direction's at h0Off; null for zeros
     * @param c0 [.., B, H] initial cell states at c0Off (LSTM); null for zeros
     */
    void initialState(float[] h0, int h0Off, float[] c0, int c0Off) {
        for (int s = 0; s < steps; s++) {
            int from = layout.joinFrom(s), to = layout.rows(s);
            if (from == to) continue;
            int row = layout.inRow(s);
            copyRows(h0, h0Off, h, row, from, to, outHidden);
            if (c != null) copyRows(c0, c0Off, c, row, from, to, hidden);
        }
    }

    /** dst slot rows [from, to) (the slot's first row at dstRow) := src rows [from, to), or zeros. */
    private static void copyRows(float[] src, int srcOff, float[] dst, int dstRow, int from, int to, int width) {
        int at = (dstRow + from) * width;
        if (src == null) {
            Arrays.fill(dst, at, (dstRow + to) * width, 0f);
        } else {
            System.arraycopy(src, srcOff + from * width, dst, at, (to - from) * width);
        }
    }

    /**
     * Gives the workspaces back to the {@link BufferPool} pool; nothing may use this state, or
     * an array read from it, afterwards.
     */
    public void release() {
        BufferPool.give(xp, hp, h, c, hpre, saved);
    }

    /** Whether backward will read {@link #saved}; without it the cells may skip saving what only backward reads. */
    public boolean forBackward() {
        return forBackward;
    }

    /** Where step s's saved values of batch row b start in {@link #saved}. */
    public int savedOffset(int s, int b) {
        return ((forBackward ? layout.inRow(s) : 0) + b) * savedPerRow;
    }

    /** The time index processed at step s. */
    public int time(int s) {
        return layout.time(s);
    }

    /** The rows step s runs: [0, rows(s)). */
    public int rows(int s) {
        return layout.rows(s);
    }

    /** Where the cell writes its hidden output for step s: the state slots h, or hpre under projection. */
    public float[] cellOut() {
        return hpre != null ? hpre : h;
    }

    /** Where the cell writes row b's hidden output of step s in {@link #cellOut()}. */
    public int cellOutOffset(int s, int b) {
        return hpre != null ? (layout.inRow(s) + b) * hidden : layout.outRow(s, b) * outHidden;
    }

    /** Where row b's state of step s's input starts (in h: times P, in c: times H, as row index). */
    int inRow(int s, int b) {
        return layout.inRow(s) + b;
    }

    /** The state row that step s writes for batch row b. */
    int outRow(int s, int b) {
        return layout.outRow(s, b);
    }

    /** The by-time row of step s's batch row b (xp, dxp, x, the output). */
    int xRow(int s, int b) {
        return layout.xRow(s) + b;
    }
}
