package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.cpu.math.VectorSupport;

/**
 * The point-wise loops of the cell kernels' backward, over one batch row and a unit range
 * [j0, j1): the Vector API implementation ({@code VectorCellBackward}) when module
 * {@code jdk.incubator.vector} is present (and {@code -Drnn4j.vector=false} is not set), the
 * scalar one ({@link ScalarCellBackward}) otherwise. Both perform the same float operations in
 * the same order per element (no fused multiply-adds), so their results are bit-identical.
 *
 * <p>Offsets name where the row starts; element j of the row is at offset + j.
 */
interface CellBackwardMath {
    /**
     * LSTM (gates i, f, g, o; saved i, f, g, o, act(c')) for one batch row: writes dc (:= dL/dc),
     * the four gate gradients into dxp and dhp, and, with peepholes (wci non-null), adds this
     * row's terms to dwci, dwcf, dwco.
     *
     * @param sv  saved values of the row at so: [5][hsz]
     * @param c   cell states: c[s] row at cPrev, c[s+1] row at cOut
     * @param dho gradient of the cell's hidden output, row at d0
     * @param dc  in dL/dc[s+1], out dL/dc[s], row at d0
     */
    void lstm(Activation act, Activation gate, float[] wci, float[] wcf, float[] wco,
              float[] dwci, float[] dwcf, float[] dwco,
              float[] sv, int so, int hsz, float[] c, int cPrev, int cOut,
              float[] dho, float[] dc, int d0, float[] dxp, int xo, float[] dhp, int po, int j0, int j1);

    /**
     * GRU (gates r, z, n; saved r, z, n, hp_n) for one batch row: gate gradients into dxp and
     * dhp, the direct term dh ⊙ z into dhNext.
     */
    void gru(float[] sv, int so, int hsz, float[] h, int hPrev, float[] dh, float[] dhNext, int d0,
             float[] dxp, int xo, float[] dhp, int po, int j0, int j1);

    /** Elman: d = dh ⊙ act'(h') for n elements, into dxp and dhp. */
    void rnn(Activation act, float[] h, int ho, float[] dh, int d0, float[] dxp, int xo, float[] dhp, int po, int n);

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
