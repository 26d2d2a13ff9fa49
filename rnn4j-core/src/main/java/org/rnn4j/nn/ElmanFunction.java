package org.rnn4j.nn;

import static org.rnn4j.nn.RecurrentLayerFunction.dense;

import org.rnn4j.internal.TensorAccess;
import org.rnn4j.internal.autograd.Node;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.Gemm;
import org.rnn4j.tensor.cpu.OutputHead;
import org.rnn4j.tensor.cpu.RecurrentScan;
import org.rnn4j.tensor.cpu.RnnCellKernel;
import org.rnn4j.tensor.cpu.ScanGrads;
import org.rnn4j.tensor.cpu.ScanState;
import org.rnn4j.tensor.cpu.ScanWeightGrads;
import org.rnn4j.tensor.cpu.ScanWeights;

/**
 * A whole Elman network over a sequence as ONE autograd node: the hidden recurrence is the RNN
 * layer's {@link RecurrentScan} with an {@link RnnCellKernel} (bias_h in the input projection's
 * bias slot, no hidden bias), followed by the {@link OutputHead} over all T*B rows in one GEMM.
 *
 * <p>Inputs: x [T, B, I], weight_ih [H, I], weight_hh [H, H], bias_h [H] or null,
 * weight_ho [O, H], bias_o [O] or null. Outputs: output [T, B, O], h_n [B, H].
 */
final class ElmanFunction extends Node {
    private final NetworkSpec spec;
    private final int steps;
    private final int batch;
    private float[] x;
    private ScanState state;
    private ScanWeights weights;
    private float[] who;
    private float[] y;

    private ElmanFunction(NetworkSpec spec, int steps, int batch, Tensor[] inputs) {
        super(2, inputs);
        this.spec = spec;
        this.steps = steps;
        this.batch = batch;
    }

    @Override
    public String name() {
        return "ElmanNetworkBackward";
    }

    /** @param x [T, B, I]; params weight_ih, weight_hh, bias_h, weight_ho, bias_o. Returns {output, h_n}. */
    static Tensor[] apply(NetworkSpec spec, Tensor x, Tensor[] params) {
        int steps = x.size(0);
        int batch = x.size(1);
        int h = spec.hiddenSize();
        int o = spec.outputSize();
        float[] xa = dense(x);
        RnnCellKernel cell = new RnnCellKernel(spec.act().kernel());
        ScanState st = new ScanState(steps, batch, h, h, cell, false);
        ScanWeights w = new ScanWeights(dense(params[0]), dense(params[1]), dense(params[2]), null, null);
        RecurrentScan.forward(cell, st, w, spec.inputSize(), xa, null, 0, null, 0);
        float[] who = dense(params[3]);
        float[] y = new float[steps * batch * o];
        OutputHead.forward(spec.outAct().kernel(), steps * batch, h, o, st.h, batch * h, who, dense(params[4]), y, 0);
        float[] hn = new float[batch * h];
        System.arraycopy(st.h, steps * batch * h, hn, 0, batch * h);
        Tensor[] results = {TensorAccess.wrap(y, steps, batch, o), TensorAccess.wrap(hn, batch, h)};
        Tensor[] in = {x, params[0], params[1], params[2], params[3], params[4]};
        if (TensorAccess.recording(in)) {
            ElmanFunction node = new ElmanFunction(spec, steps, batch, in);
            node.x = xa;
            node.state = st;
            node.weights = w;
            node.who = who;
            node.y = y;
            for (int i = 0; i < results.length; i++) TensorAccess.setGradFn(results[i], node, i);
        } else {
            st.release();
        }
        return results;
    }

    @Override
    protected Tensor[] backward(Tensor[] gradOutputs) {
        int h = spec.hiddenSize();
        int o = spec.outputSize();
        int n = steps * batch;
        float[] da = null; // [T, B, H] dLoss/da_t through the output head
        float[] dwho = gradBuffer(4);
        float[] dbo = gradBuffer(5);
        if (gradOutputs[0] != null) {
            float[] dz = new float[n * o]; // [T, B, O]
            OutputHead.activationBackward(spec.outAct().kernel(), n, o, y, 0, dense(gradOutputs[0]), 0, dz, 0);
            OutputHead.weightBackward(n, h, o, dz, state.h, batch * h, dwho, dbo);
            da = new float[n * h];
            // da = dz W_ho : [T*B, O] x [O, H]
            Gemm.sgemm(false, false, n, h, o, dz, 0, o, who, 0, h, 0f, da, 0, h);
        }
        float[] dhN = dense(gradOutputs[1]);
        float[] dx = needsGrad(0) ? new float[n * spec.inputSize()] : null;
        ScanWeightGrads dw = new ScanWeightGrads(gradBuffer(1), gradBuffer(2), gradBuffer(3), null, null);
        RnnCellKernel cell = new RnnCellKernel(spec.act().kernel());
        ScanGrads g = new ScanGrads(state, false, cell.sameProjectionGrads());
        RecurrentScan.backward(cell, state, g, weights, dw, spec.inputSize(),
                da, h, 0, dhN, 0, null, 0, x, dx);
        Tensor[] grads = new Tensor[inputs().length];
        g.release();
        putGrads(grads, 0, dx, dw.wih(), dw.whh(), dw.bih(), dwho, dbo);
        return grads;
    }

    @Override
    protected void release() {
        if (state != null) state.release();
        x = null;
        state = null;
        weights = null;
        who = null;
        y = null;
    }
}
