package org.rnn4j.tensor.cpu.rnn;

import java.util.Arrays;
import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.cpu.math.Elementwise;

/**
 * LSTM cell, gate order i, f, g, o, with optional peepholes (w_c*, each [H]) and configurable
 * activations (PyTorch: gate = σ, act = tanh):
 * <pre>
 * i = gate(xp_i + hp_i + w_ci ⊙ c)      f = gate(xp_f + hp_f + w_cf ⊙ c)
 * g = act(xp_g + hp_g)                  c' = f ⊙ c + i ⊙ g
 * o = gate(xp_o + hp_o + w_co ⊙ c')     h' = o ⊙ act(c')
 * </pre>
 * Saved per unit: i, f, g, o, act(c') (in inference only act(c'), as scratch).
 */
public final class LstmCellKernel implements CellKernel {
    private static final Elementwise EW = Elementwise.get();
    private final Activation act;
    private final Activation gate;
    private final float[] wci;
    private final float[] wcf;
    private final float[] wco;
    private final CellBackwardMath.LstmParams params;

    /** @param wci [H] peephole weights (all three null for a plain LSTM) */
    public LstmCellKernel(Activation act, Activation gate, float[] wci, float[] wcf, float[] wco) {
        this.act = act;
        this.gate = gate;
        this.wci = wci;
        this.wcf = wcf;
        this.wco = wco;
        this.params = new CellBackwardMath.LstmParams(act, gate, wci, wcf, wco);
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public boolean hasPeepholes() {
        return wci != null;
    }

    @Override
    public int savedPerUnit() {
        return 5;
    }

    @Override
    public boolean hasCellState() {
        return true;
    }

    /**
     * Every row and unit through {@link #forwardUnits}, on st.hp ([B, 4H], summed and activated
     * in place): one copy of the cell, so the one-thread and two-thread paths cannot drift apart.
     */
    @Override
    public void forward(ScanState st, int s) {
        forwardUnits(st, s, st.layout.block(s), st.hp, 0, 4 * st.hidden);
    }

    @Override
    public boolean hasUnitRangeForward() {
        return true;
    }

    @Override
    public boolean sameProjectionGrads() {
        return true;
    }

    @Override
    public boolean sumsProjections() {
        return true;
    }

    @Override
    public boolean gatesLeadSaved() {
        return true;
    }

    /**
     * Rows [b0, b1), units [j0, j1). Row by row so that each activation runs over a contiguous
     * range (vectorised): the gate pre-activations are summed into hp in place, then activated
     * there.
     */
    @Override
    public void forwardUnits(ScanState st, int s, Block blk, float[] hp, int hpOff, int ldh) {
        int b0 = blk.b0(), b1 = blk.b1(), j0 = blk.j0(), j1 = blk.j1();
        int hsz = st.hidden;
        int u = j1 - j0;
        int g4 = 4 * hsz;
        float[] xp = st.xp;          // [N, 4H] by time
        float[] c = st.c;            // [N+B, H] state slots
        float[] out = st.cellOut();  // h state slots [N+B, H] or hpre [N, H] by step
        float[] sv = st.saved;       // [N, 5H] by step
        boolean peep = wci != null;
        boolean keep = st.forBackward();  // the gates are saved for backward only
        for (int b = b0; b < b1; b++) {
            int po = hpOff + (b - b0) * ldh;  // [4][u]: i, f, g, o of units j0..j1
            int xo = st.xRow(s, b) * g4 + j0;
            for (int g = 0; g < 4; g++) EW.add(hp, po + g * u, xp, xo + g * hsz, hp, po + g * u, u);
            int cPrev = st.inRow(s, b) * hsz + j0;
            int cOut = st.outRow(s, b) * hsz + j0;
            int ho = st.cellOutOffset(s, b) + j0;
            int so = st.savedOffset(s, b) + j0;
            if (peep) {
                EW.addMul(hp, po, wci, j0, c, cPrev, hp, po, u);
                EW.addMul(hp, po + u, wcf, j0, c, cPrev, hp, po + u, u);
            }
            gate.applyInPlace(hp, po, 2 * u);
            act.applyInPlace(hp, po + 2 * u, u);
            EW.mulAddMul(hp, po + u, c, cPrev, hp, po, hp, po + 2 * u, c, cOut, u);
            if (peep) EW.addMul(hp, po + 3 * u, wco, j0, c, cOut, hp, po + 3 * u, u);
            gate.applyInPlace(hp, po + 3 * u, u);
            System.arraycopy(c, cOut, sv, so + 4 * hsz, u);
            act.applyInPlace(sv, so + 4 * hsz, u);
            EW.mul(hp, po + 3 * u, sv, so + 4 * hsz, out, ho, u);
            if (keep && (hp != sv || po != so)) {  // else the gates were activated in place
                for (int g = 0; g < 4; g++) System.arraycopy(hp, po + g * u, sv, so + g * hsz, u);
            }
        }
    }

    private static final CellBackwardMath MATH = CellBackwardMath.get();

    @Override
    public void backward(ScanState st, ScanGrads g, int s) {
        int n = st.rows(s);
        rows(st, g, s, 0, n, 0, st.hidden, g.cellOutGrad());
        // Only this step's rows: the others hold the gradients of rows that have not started yet
        // (forward direction) or are done (reverse direction) of a packed batch.
        Arrays.fill(g.dhNext, 0, n * st.outHidden, 0f);
    }

    @Override
    public boolean hasUnitRangeBackward() {
        return true;
    }

    @Override
    public void backwardUnits(ScanState st, ScanGrads g, int s, Block blk, float[] dh, float[] dhNext) {
        int b0 = blk.b0(), b1 = blk.b1(), j0 = blk.j0(), j1 = blk.j1();
        rows(st, g, s, b0, b1, j0, j1, dh);
        int hsz = st.hidden;
        for (int b = b0; b < b1; b++) Arrays.fill(dhNext, b * hsz + j0, b * hsz + j1, 0f);
    }

    /** Batch rows [b0, b1), units [j0, j1) ({@link CellBackwardMath#lstm}). */
    private void rows(ScanState st, ScanGrads g, int s, int b0, int b1, int j0, int j1, float[] dho) {
        for (int b = b0; b < b1; b++) MATH.lstm(params, st, g, dho, s, b, j0, j1);
    }
}
