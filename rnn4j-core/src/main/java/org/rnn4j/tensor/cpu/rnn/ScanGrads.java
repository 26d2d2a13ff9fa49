package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.tensor.cpu.parallel.BufferPool;

/** Backward workspaces of one direction of one recurrent layer (see {@link ScanState}). */
public final class ScanGrads {
    /** [T, B, G*H] by time: dLoss/d(input projection). */
    public final float[] dxp;
    /**
     * [T, B, G*H] by step: dLoss/d(hidden projection). Equal to dxp (but indexed by step, to pair
     * with h[s] in one dW_hh GEMM) except for GRU's n gate; the same array as dxp where the two
     * are equal element for element (see the constructor).
     */
    public final float[] dhp;
    /** [B, P]: dLoss/dh of the state after the current step (running). */
    public float[] dh;
    /** [B, P]: scratch for the next dh; the cell writes its direct term (GRU's z ⊙ dh) here. */
    public float[] dhNext;
    /** [B, H]: dLoss/d(cell hidden output) of the current step; aliases dh without projection. */
    public final float[] dhpre;
    /** [B, H]: dLoss/dc of the state after the current step (LSTM, running), else null. */
    public final float[] dc;
    /** [T, B, P] by step: dh of every step, for dW_hr in one GEMM (projection only), else null. */
    public final float[] dhAll;
    /** [H] each: peephole gradients (LSTM with peepholes), else null. */
    public final float[] dwci, dwcf, dwco;

    /** Separate dxp and dhp arrays. */
    public ScanGrads(ScanState st, boolean peephole) {
        this(st, peephole, false);
    }

    /**
     * @param sameProjectionGrads the cell's dhp equals its dxp (LSTM, Elman RNN): in a forward
     *     direction, where step s is time s, both are then one array, written twice with the same
     *     values, which saves a [T, B, G*H] array (and its memory traffic)
     */
    public ScanGrads(ScanState st, boolean peephole, boolean sameProjectionGrads) {
        int gh = st.gates * st.hidden;
        int n = st.steps * st.batch;
        // Fully written by the cell backward before any read: taken from the pool unzeroed.
        dxp = BufferPool.take(n * gh);
        dhp = sameProjectionGrads && !st.reverse ? dxp : BufferPool.take(n * gh);
        dh = new float[st.batch * st.outHidden];
        dhNext = new float[st.batch * st.outHidden];
        dhpre = st.hpre != null ? new float[st.batch * st.hidden] : null;
        dc = st.c != null ? new float[st.batch * st.hidden] : null;
        dhAll = st.hpre != null ? BufferPool.take(n * st.outHidden) : null;
        dwci = peephole ? new float[st.hidden] : null;
        dwcf = peephole ? new float[st.hidden] : null;
        dwco = peephole ? new float[st.hidden] : null;
    }

    /**
     * Gives the workspaces (dxp, dhp, dhAll) back to the {@link BufferPool} pool; only dh, dc and
     * the peephole gradients may be read afterwards.
     */
    public void release() {
        BufferPool.give(dxp, dhp != dxp ? dhp : null, dhAll);
    }

    /** The gradient the cell reads for its hidden output: dhpre under projection, else dh. */
    public float[] cellOutGrad() {
        return dhpre != null ? dhpre : dh;
    }
}
