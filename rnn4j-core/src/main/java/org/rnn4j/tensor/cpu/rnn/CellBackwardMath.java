package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.cpu.math.VectorSupport;

/**
 * The point-wise loops of the cell kernels' backward, over one batch row and a unit range
 * [j0, j1): the Vector API implementation ({@code VectorCellBackward}) when module
 * {@code jdk.incubator.vector} is present (and {@code -Drnn4j.vector=false} is not set), the
 * scalar one ({@link ScalarCellBackward}) otherwise. Both perform the same float operations in
 * the same order per element (no fused multiply-adds), so their results are bit-identical.
 * Each finds its row of step s in the scan's arrays ({@link ScanState}, {@link ScanGrads}) itself.
 */
interface CellBackwardMath {
    /**
     * LSTM (gates i, f, g, o; saved i, f, g, o, act(c')) for batch row b of step s, units
     * [j0, j1): writes g.dc (:= dL/dc[s]), the four gate gradients into g.dxp (at time(s)) and
     * g.dhp (at step s), and, with peepholes, adds this row's terms to g.dwci, g.dwcf, g.dwco.
     *
     * @param dho [B, H] gradient of the cell's hidden output of step s
     */
    void lstm(LstmParams p, ScanState st, ScanGrads g, float[] dho, int s, int b, int j0, int j1);

    /**
     * GRU (gates r, z, n; saved r, z, n, hp_n) for batch row b of step s, units [j0, j1): gate
     * gradients into g.dxp and g.dhp, the direct term dh ⊙ z into dhNext.
     *
     * @param dh     [B, H] gradient of h[s+1]
     * @param dhNext [B, H] the direct part of the gradient of h[s]
     */
    void gru(ScanState st, ScanGrads g, float[] dh, float[] dhNext, int s, int b, int j0, int j1);

    /**
     * Elman: d = dh ⊙ act'(h[s+1]) into g.dxp and g.dhp for the n elements of step s that start
     * at element {@code from} of its [rows(s), H] block; their new states must be contiguous
     * (all continue to step s+1, or all end at step s: see {@link StepRows}).
     *
     * @param dh [B, H] gradient of h[s+1]
     */
    void rnn(Activation act, ScanState st, ScanGrads g, float[] dh, int s, int from, int n);

    /** What an LSTM cell's backward reads besides the scan's arrays; peepholes null when off. */
    record LstmParams(Activation act, Activation gate, float[] wci, float[] wcf, float[] wco) {}

    /** The fastest implementation available. */
    static CellBackwardMath get() {
        return Holder.BEST;
    }

    /** The scalar implementation (tests). */
    static CellBackwardMath scalar() {
        return Holder.SCALAR;
    }

    /** Resolved once ({@link VectorSupport}). */
    final class Holder {
        static final CellBackwardMath SCALAR = new ScalarCellBackward();
        static final CellBackwardMath BEST = VectorSupport.best(CellBackwardMath.class, "VectorCellBackward", SCALAR);

        private Holder() {}
    }
}
