package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.tensor.cpu.parallel.BufferPool;

/** Backward workspaces of one direction of one recurrent layer (see {@link ScanState}). */
public final class ScanGrads {
    /** [N, G*H] by time: dLoss/d(input projection). */
    public final float[] dxp;
    /**
     * [N, G*H] by step: dLoss/d(hidden projection). Equal to dxp (but indexed by step, to pair
     * with h[s] in one dW_hh GEMM) except for GRU's n gate; the same array as dxp where the two
     * are equal element for element (see the constructor).
     */
    public final float[] dhp;
    /**
     * [B, P]: dLoss/dh of the state after the current step (running) for the step's rows; the
     * other rows hold dLoss/dh_n (rows that start later in backward) or dLoss/dh0 (rows done).
     */
    public float[] dh;
    /** [B, P]: scratch for the next dh; the cell writes its direct term (GRU's z ⊙ dh) here. */
    public float[] dhNext;
    /** [B, H]: dLoss/d(cell hidden output) of the current step; aliases dh without projection. */
    public final float[] dhpre;
    /** [B, H]: dLoss/dc of the state after the current step (LSTM, running), else null. */
    public final float[] dc;
    /** [N, P] by step: dh of every step, for dW_hr in one GEMM (projection only), else null. */
    public final float[] dhAll;
    /** [H] each: peephole gradients (LSTM with peepholes), else null. */
    public final float[] dwci, dwcf, dwco;
    /** P, the columns of dh; and every row and column of it. */
    private final int width;
    private final Block whole;

    /** Separate dxp and dhp arrays. */
    public ScanGrads(ScanState st, boolean peephole) {
        this(st, peephole, false);
    }

    /**
     * @param sameProjectionGrads the cell's dhp equals its dxp (LSTM, Elman RNN): in a forward
     *     direction, where step s is time s, both are then one array, written twice with the same
     *     values, which saves a [N, G*H] array (and its memory traffic)
     */
    public ScanGrads(ScanState st, boolean peephole, boolean sameProjectionGrads) {
        int gh = st.gates * st.hidden;
        int n = st.total;
        // Fully written by the cell backward before any read: taken from the pool unzeroed.
        dxp = BufferPool.take(n * gh);
        dhp = sameProjectionGrads && !st.reverse ? dxp : BufferPool.take(n * gh);
        // Zeroed, as the rows a packed batch has not started yet are read as zero gradients.
        dh = BufferPool.takeZeroed(st.batch * st.outHidden);
        dhNext = BufferPool.takeZeroed(st.batch * st.outHidden);
        dhpre = st.hpre != null ? new float[st.batch * st.hidden] : null;
        dc = st.c != null ? BufferPool.takeZeroed(st.batch * st.hidden) : null;
        dhAll = st.hpre != null ? BufferPool.take(n * st.outHidden) : null;
        dwci = peephole ? new float[st.hidden] : null;
        dwcf = peephole ? new float[st.hidden] : null;
        dwco = peephole ? new float[st.hidden] : null;
        width = st.outHidden;
        whole = new Block(0, st.batch, 0, width);
    }

    /** Every row and column of dh, for {@link #keepInitialGrads} on one thread. */
    Block wholeDh() {
        return whole;
    }

    /**
     * Sets the running gradients before the last step's backward: dh (and its scratch, whose
     * rows a packed batch's later-starting rows read) := dL/dh_n, dc := dL/dc_n, or zeros.
     *
     * @param dhN [D, B, P] with this direction's rows at dhNOff, or null
     * @param dcN [D, B, H] with this direction's rows at dcNOff, or null
     */
    void start(float[] dhN, int dhNOff, float[] dcN, int dcNOff) {
        if (dhN != null) {
            System.arraycopy(dhN, dhNOff, dh, 0, dh.length);
            System.arraycopy(dhN, dhNOff, dhNext, 0, dhNext.length);
        }
        if (dcN != null) System.arraycopy(dcN, dcNOff, dc, 0, dc.length);
    }

    /**
     * After step s's backward (dh and dhNext swapped): the rows that started at step s from the
     * initial state now hold dL/dh0 in dh; later steps do not run them, so they are copied into
     * the scratch dhNext too, which the next step writes only in its own rows. Only the batch rows
     * and columns of {@code part} (one thread's). dh and dhNext: [B, P], this scan's two buffers.
     */
    void keepInitialGrads(StepRows rows, int s, Block part, float[] dh, float[] dhNext) {
        if (s == 0) return;
        int from = Math.max(part.b0(), rows.joinFrom(s)), to = Math.min(part.b1(), rows.rows(s));
        int j0 = part.j0(), n = part.j1() - part.j0();
        for (int b = from; b < to; b++) System.arraycopy(dh, b * width + j0, dhNext, b * width + j0, n);
    }

    /**
     * Gives the workspaces (dxp, dhp, dhAll) and the state gradients (dh, dhNext, dc) back to the
     * {@link BufferPool} pool; only the peephole gradients may be read afterwards.
     */
    public void release() {
        BufferPool.give(dxp, dhp != dxp ? dhp : null, dhAll, dh, dhNext, dc);
    }

    /** The gradient the cell reads for its hidden output: dhpre under projection, else dh. */
    public float[] cellOutGrad() {
        return dhpre != null ? dhpre : dh;
    }
}
