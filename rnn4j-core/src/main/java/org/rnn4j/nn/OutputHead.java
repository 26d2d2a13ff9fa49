package org.rnn4j.nn;

import org.rnn4j.tensor.cpu.gemm.Gemm;
import org.rnn4j.tensor.cpu.rnn.RecurrentScan;

/**
 * The output layer of the Elman and Jordan networks over N rows:
 * <pre>z = a W_ho^T + b_o      y = outAct(z)</pre>
 * and its backward. Kernels over float arrays; they know nothing of autograd.
 */
public final class OutputHead {
    private OutputHead() {}

    /**
     * y = outAct(a W^T + b).
     *
     * @param n    N rows
     * @param h    H, the hidden size
     * @param o    O, the output size
     * @param a    [N, H] hidden states at aOff
     * @param w    [O, H] weight_ho
     * @param b    [O] bias_o, or null
     * @param y    [N, O] output at yOff, overwritten
     */
    public static void forward(Activation outAct, int n, int h, int o, float[] a, int aOff, float[] w, float[] b,
                               float[] y, int yOff) {
        Gemm.sgemm(false, true, n, o, h, a, aOff, h, w, 0, h, 0f, y, yOff, o);
        if (b != null) {
            for (int r = 0; r < n; r++) {
                int off = yOff + r * o;
                for (int j = 0; j < o; j++) y[off + j] += b[j];
            }
        }
        outAct.applyInPlace(y, yOff, n * o);
    }

    /**
     * dz = dy ⊙ outAct'(y), written into dz (which may alias dy).
     *
     * @param y  [N, O] the forward output at yOff
     * @param dy [N, O] dLoss/dy at dyOff
     * @param dz [N, O] dLoss/dz at dzOff, overwritten
     */
    public static void activationBackward(Activation outAct, int n, int o, float[] y, int yOff, float[] dy, int dyOff,
                                          float[] dz, int dzOff) {
        for (int i = 0; i < n * o; i++) dz[dzOff + i] = dy[dyOff + i] * outAct.derivative(y[yOff + i]);
    }

    /**
     * Weight gradients over all N rows: dW += dz^T a, db += Σ_rows dz.
     *
     * @param dz [N, O]
     * @param a  [N, H] at aOff
     * @param dw [O, H] accumulated, or null
     * @param db [O] accumulated, or null
     */
    public static void weightBackward(int n, int h, int o, float[] dz, float[] a, int aOff, float[] dw, float[] db) {
        if (n == 0) return;
        if (dw != null) Gemm.sgemm(true, false, o, h, n, dz, 0, o, a, aOff, h, 1f, dw, 0, h);
        if (db != null) RecurrentScan.addColumnSums(dz, n, o, db);
    }
}
