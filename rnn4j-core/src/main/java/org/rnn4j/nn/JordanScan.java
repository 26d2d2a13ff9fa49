package org.rnn4j.nn;

import org.rnn4j.tensor.cpu.gemm.Gemm;
import org.rnn4j.tensor.cpu.rnn.RecurrentScan;

/**
 * The Jordan network over a whole sequence, forward and BPTT backward:
 * <pre>
 * a_t = act(x_t W_ih^T + b_h + y_{t-1} W_yh^T)     y_{-1} = 0
 * y_t = outAct(a_t W_ho^T + b_o)
 * </pre>
 * The input projection of all T steps is one GEMM before the loop; the weight and input
 * gradients are one GEMM each after the backward loop. Gradients accumulate ({@code +=}).
 */
record JordanScan(Activation act, OutputHead head, JordanScan.Weights w, int inputSize) {
    /** The network of {@code spec} with these weights. */
    static JordanScan of(NetworkSpec spec, Weights w) {
        return new JordanScan(spec.act(), new OutputHead(spec.outAct(), spec.hiddenSize(), spec.outputSize(),
                w.who(), w.bo()), w, spec.inputSize());
    }

    /**
     * Weights, dense row-major.
     *
     * @param wih [H, I]   @param wyh [H, O]   @param bh [H] or null
     * @param who [O, H]   @param bo [O] or null
     */
    record Weights(float[] wih, float[] wyh, float[] bh, float[] who, float[] bo) {}

    /** @param x [T, B, I] */
    void forward(JordanState st, float[] x) {
        int tb = st.steps * st.batch;
        int h = st.hidden;
        int o = st.out;
        int n = st.batch * h;
        Gemm.sgemm(false, true, tb, h, inputSize, x, 0, inputSize, w.wih(), 0, inputSize, 0f, st.xp, 0, h);
        if (w.bh() != null) RecurrentScan.addRowBias(st.xp, tb, h, w.bh());
        for (int t = 0; t < st.steps; t++) {
            // a[t] = act(xp[t] + y[t] W_yh^T) : [B, O] x [H, O]^T
            System.arraycopy(st.xp, t * n, st.a, t * n, n);
            Gemm.sgemm(false, true, st.batch, h, o, st.y, t * st.batch * o, o, w.wyh(), 0, o, 1f, st.a, t * n, h);
            act.applyInPlace(st.a, t * n, n);
            head.forward(st.batch, st.a, t * n, st.y, (t + 1) * st.batch * o);
        }
    }

    /**
     * BPTT.
     *
     * @param dOut [T, B, O] dLoss/d(output), or null
     * @param dhN  [B, H] dLoss/d(last hidden a_{T-1}), or null
     * @param x    [T, B, I] the forward input
     * @param dx   [T, B, I] accumulated, or null
     * @param dw   gradient accumulators, same shapes as the weights, null where not wanted
     */
    void backward(JordanState st, Weights dw, float[] dOut, float[] dhN, float[] x, float[] dx) {
        int bsz = st.batch;
        int h = st.hidden;
        int o = st.out;
        int tb = st.steps * bsz;
        float[] dz = new float[tb * o];   // [T, B, O] dLoss/d(output pre-activation)
        float[] dap = new float[tb * h];  // [T, B, H] dLoss/d(hidden pre-activation)
        float[] dy = new float[bsz * o];  // [B, O] dLoss/dy_t, running
        float[] da = new float[bsz * h];  // [B, H] dLoss/da_t
        for (int t = st.steps - 1; t >= 0; t--) {
            if (dOut != null) {
                for (int i = 0; i < bsz * o; i++) dy[i] += dOut[t * bsz * o + i];
            }
            head.activationBackward(bsz, st.y, (t + 1) * bsz * o, dy, 0, dz, t * bsz * o);
            // da = dz[t] W_ho : [B, O] x [O, H]
            Gemm.sgemm(false, false, bsz, h, o, dz, t * bsz * o, o, w.who(), 0, h, 0f, da, 0, h);
            if (t == st.steps - 1 && dhN != null) {
                for (int i = 0; i < bsz * h; i++) da[i] += dhN[i];
            }
            for (int i = 0; i < bsz * h; i++) dap[t * bsz * h + i] = da[i] * act.derivative(st.a[t * bsz * h + i]);
            // dy_{t-1} = dap[t] W_yh : [B, H] x [H, O]
            Gemm.sgemm(false, false, bsz, o, h, dap, t * bsz * h, h, w.wyh(), 0, o, 0f, dy, 0, o);
        }
        if (tb == 0) return;
        head.weightBackward(tb, dz, st.a, 0, dw.who(), dw.bo());
        if (dw.wyh() != null) { // dW_yh += dAP^T [H, T*B] · Yprev [T*B, O]
            Gemm.sgemm(true, false, h, o, tb, dap, 0, h, st.y, 0, o, 1f, dw.wyh(), 0, o);
        }
        if (dw.wih() != null) { // dW_ih += dAP^T [H, T*B] · X [T*B, I]
            Gemm.sgemm(true, false, h, inputSize, tb, dap, 0, h, x, 0, inputSize, 1f, dw.wih(), 0, inputSize);
        }
        if (dw.bh() != null) RecurrentScan.addColumnSums(dap, tb, h, dw.bh());
        if (dx != null) { // dX += dAP [T*B, H] · W_ih [H, I]
            Gemm.sgemm(false, false, tb, inputSize, h, dap, 0, h, w.wih(), 0, inputSize, 1f, dx, 0, inputSize);
        }
    }
}
