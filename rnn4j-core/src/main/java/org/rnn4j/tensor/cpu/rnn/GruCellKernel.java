package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.tensor.cpu.math.Elementwise;
import org.rnn4j.nn.Activation;

/**
 * GRU cell, gate order r, z, n, exactly as ATen computes it:
 * <pre>
 * r  = σ(xp_r + hp_r)        z = σ(xp_z + hp_z)
 * n  = tanh(xp_n + r ⊙ hp_n)          (hp_n includes b_hn: it sits inside the r ⊙ term)
 * h' = (h - n) ⊙ z + n                 (= (1 - z) ⊙ n + z ⊙ h)
 * </pre>
 * Saved per unit: r, z, n, hp_n.
 */
public final class GruCellKernel implements CellKernel {
    private static final Elementwise EW = Elementwise.get();

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public int savedPerUnit() {
        return 4;
    }

    @Override
    public boolean hasCellState() {
        return false;
    }

    /** Every row and unit through {@link #forwardUnits}, reading st.hp [B, 3H]. */
    @Override
    public void forward(ScanState st, int s) {
        forwardUnits(st, s, st.layout.block(s), st.hp, 0, 3 * st.hidden);
    }

    @Override
    public boolean hasUnitRangeForward() {
        return true;
    }

    /**
     * Rows [b0, b1), units [j0, j1), row by row; the gates are computed in their saved slots so
     * that each activation is one contiguous range.
     */
    @Override
    public void forwardUnits(ScanState st, int s, Block blk, float[] hp, int hpOff, int ldh) {
        int b0 = blk.b0(), b1 = blk.b1(), j0 = blk.j0(), j1 = blk.j1();
        int hsz = st.hidden;
        int u = j1 - j0;
        float[] xp = st.xp;          // [N, 3H] by time
        float[] h = st.h;            // [N+B, H] state slots
        float[] sv = st.saved;       // [N, 4H] by step: r, z, n, hp_n
        for (int b = b0; b < b1; b++) {
            int xo = st.xRow(s, b) * 3 * hsz + j0;
            int po = hpOff + (b - b0) * ldh;  // [3][u]: r, z, n of units j0..j1
            int hPrev = st.inRow(s, b) * hsz + j0;
            int hOut = st.outRow(s, b) * hsz + j0;
            int so = st.savedOffset(s, b) + j0;
            for (int g = 0; g < 2; g++) {
                EW.add(xp, xo + g * hsz, hp, po + g * u, sv, so + g * hsz, u);
                Activation.SIGMOID.applyInPlace(sv, so + g * hsz, u);
            }
            System.arraycopy(hp, po + 2 * u, sv, so + 3 * hsz, u);
            EW.addMul(xp, xo + 2 * hsz, sv, so, sv, so + 3 * hsz, sv, so + 2 * hsz, u);
            Activation.TANH.applyInPlace(sv, so + 2 * hsz, u);
            EW.lerp(h, hPrev, sv, so + 2 * hsz, sv, so + hsz, h, hOut, u);
        }
    }

    private static final CellBackwardMath MATH = CellBackwardMath.get();

    @Override
    public void backward(ScanState st, ScanGrads g, int s) {
        backwardUnits(st, g, s, st.layout.block(s), g.dh, g.dhNext);
    }

    @Override
    public boolean hasUnitRangeBackward() {
        return true;
    }

    @Override
    public void backwardUnits(ScanState st, ScanGrads g, int s, Block blk, float[] dh, float[] dhNext) {
        int b0 = blk.b0(), b1 = blk.b1(), j0 = blk.j0(), j1 = blk.j1();
        for (int b = b0; b < b1; b++) MATH.gru(st, g, dh, dhNext, s, b, j0, j1);
    }
}
