package org.rnn4j.nn;

import org.rnn4j.tensor.cpu.gemm.Gemm;
import org.rnn4j.tensor.cpu.rnn.RecurrentScan;

/**
 * The output layer of the Elman and Jordan networks over N rows:
 * <pre>z = a W_ho^T + b_o      y = outAct(z)</pre>
 * and its backward, over float arrays (no autograd).
 *
 * @param hidden H
 * @param out    O
 * @param w      [O, H] weight_ho
 * @param b      [O] bias_o, or null
 */
record OutputHead(Activation outAct, int hidden, int out, float[] w, float[] b) {
    /**
     * y = outAct(a W^T + b) for n rows.
     *
     * @param a [N, H] hidden states at aOff
     * @param y [N, O] output at yOff, overwritten
     */
    void forward(int n, float[] a, int aOff, float[] y, int yOff) {
        Gemm.sgemm(false, true, n, out, hidden, a, aOff, hidden, w, 0, hidden, 0f, y, yOff, out);
        if (b != null) {
            for (int r = 0; r < n; r++) {
                int off = yOff + r * out;
                for (int j = 0; j < out; j++) y[off + j] += b[j];
            }
        }
        outAct.applyInPlace(y, yOff, n * out);
    }

    /**
     * dz = dy ⊙ outAct'(y) for n rows, written into dz (which may alias dy).
     *
     * @param y  [N, O] the forward output at yOff
     * @param dy [N, O] dLoss/dy at dyOff
     * @param dz [N, O] dLoss/dz at dzOff, overwritten
     */
    void activationBackward(int n, float[] y, int yOff, float[] dy, int dyOff, float[] dz, int dzOff) {
        for (int i = 0; i < n * out; i++) dz[dzOff + i] = dy[dyOff + i] * outAct.derivative(y[yOff + i]);
    }

    /**
     * Weight gradients over all n rows: dW += dz^T a, db += Σ_rows dz.
     *
     * @param dz [N, O]
     * @param a  [N, H] at aOff
     * @param dw [O, H] accumulated, or null
     * @param db [O] accumulated, or null
     */
    void weightBackward(int n, float[] dz, float[] a, int aOff, float[] dw, float[] db) {
        if (n == 0) return;
        if (dw != null) Gemm.sgemm(true, false, out, hidden, n, dz, 0, out, a, aOff, hidden, 1f, dw, 0, hidden);
        if (db != null) RecurrentScan.addColumnSums(dz, n, out, db);
    }
}
