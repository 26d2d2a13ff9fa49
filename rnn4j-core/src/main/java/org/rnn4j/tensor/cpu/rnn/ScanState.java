package org.rnn4j.tensor.cpu.rnn;

import java.util.Arrays;
import org.rnn4j.tensor.cpu.parallel.BufferPool;

/**
 * Workspaces of one direction of one recurrent layer, sized once per call: what the forward scan
 * writes and the backward scan reads. Step {@code s} is the s-th step taken; for the reverse
 * direction it processes time {@code T-1-s}. Arrays indexed "by time" use the input's order.
 */
public final class ScanState {
    /** Sequence length, batch, cell hidden size, output (projected) hidden size, gate count. */
    public final int steps, batch, hidden, outHidden, gates;
    /** Every row and unit. */
    public final Block all;
    /** Processes time T-1 first. */
    public final boolean reverse;
    /** [T, B, G*H] by time: x · W_ih^T + b_ih for every step, one GEMM before the scan. */
    public final float[] xp;
    /** [B, G*H]: h_{s-1} · W_hh^T + b_hh of the current step. */
    public final float[] hp;
    /** [T+1, B, P] by step: h[0] = h0, h[s+1] = the hidden state after step s. */
    public final float[] h;
    /** [T+1, B, H] by step: cell states (LSTM), else null. */
    public final float[] c;
    /** [T, B, H] by step: the LSTM's o ⊙ act(c) before the projection W_hr, else null. */
    public final float[] hpre;
    /**
     * [T, B, S*H] by step: what the cell saves for backward (activated gates); without backward
     * only [1, B, S*H], reused by every step (see {@link #savedOffset}).
     */
    public final float[] saved;
    private final boolean forBackward;
    private final int savedPerRow;

    /** A state that keeps what backward needs. */
    public ScanState(int steps, int batch, int hidden, int outHidden, CellKernel cell, boolean reverse) {
        this(steps, batch, hidden, outHidden, cell, reverse, true);
    }

    /** @param forBackward false for inference: the saved gates of one step are reused by the next */
    public ScanState(int steps, int batch, int hidden, int outHidden, CellKernel cell, boolean reverse,
                     boolean forBackward) {
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
        this.outHidden = outHidden;
        this.gates = cell.gates();
        this.reverse = reverse;
        this.all = new Block(0, batch, 0, hidden);
        // Every element is written before it is read (GEMMs with beta 0, the cells' stores),
        // except h[0] and c[0], the zero initial state unless the caller copies one in.
        this.xp = BufferPool.take(steps * batch * gates * hidden);
        this.hp = BufferPool.take(batch * gates * hidden);
        this.h = BufferPool.take((steps + 1) * batch * outHidden);
        Arrays.fill(h, 0, batch * outHidden, 0f);
        this.c = cell.hasCellState() ? BufferPool.take((steps + 1) * batch * hidden) : null;
        if (c != null) Arrays.fill(c, 0, batch * hidden, 0f);
        this.hpre = outHidden != hidden ? BufferPool.take(steps * batch * hidden) : null;
        this.forBackward = forBackward;
        this.savedPerRow = cell.savedPerUnit() * hidden;
        this.saved = BufferPool.take((forBackward ? steps : Math.min(steps, 1)) * batch * savedPerRow);
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
        return ((forBackward ? s : 0) * batch + b) * savedPerRow;
    }

    /** The time index processed at step s. */
    public int time(int s) {
        return reverse ? steps - 1 - s : s;
    }

    /** Where the cell writes its hidden output for step s: h[s+1], or hpre[s] under projection. */
    public float[] cellOut() {
        return hpre != null ? hpre : h;
    }

    public int cellOutOffset(int s) {
        return hpre != null ? s * batch * hidden : (s + 1) * batch * outHidden;
    }
}
