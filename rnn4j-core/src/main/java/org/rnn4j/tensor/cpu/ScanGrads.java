package org.rnn4j.tensor.cpu;

/** Backward workspaces of one direction of one recurrent layer (see {@link ScanState}). */
public final class ScanGrads {
    /** [T, B, G*H] by time: dLoss/d(input projection). */
    public final float[] dxp;
    /**
     * [T, B, G*H] by step: dLoss/d(hidden projection). Equal to dxp (but indexed by step, to pair
     * with h[s] in one dW_hh GEMM) except for GRU's n gate.
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

    public ScanGrads(ScanState st, boolean peephole) {
        int gh = st.gates * st.hidden;
        int n = st.steps * st.batch;
        dxp = new float[n * gh];
        dhp = new float[n * gh];
        dh = new float[st.batch * st.outHidden];
        dhNext = new float[st.batch * st.outHidden];
        dhpre = st.hpre != null ? new float[st.batch * st.hidden] : null;
        dc = st.c != null ? new float[st.batch * st.hidden] : null;
        dhAll = st.hpre != null ? new float[n * st.outHidden] : null;
        dwci = peephole ? new float[st.hidden] : null;
        dwcf = peephole ? new float[st.hidden] : null;
        dwco = peephole ? new float[st.hidden] : null;
    }

    /** The gradient the cell reads for its hidden output: dhpre under projection, else dh. */
    public float[] cellOutGrad() {
        return dhpre != null ? dhpre : dh;
    }
}
