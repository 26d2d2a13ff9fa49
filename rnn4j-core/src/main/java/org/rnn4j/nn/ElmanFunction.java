package org.rnn4j.nn;

import org.rnn4j.internal.TensorAccess;

import static org.rnn4j.nn.RecurrentLayerFunction.dense;

import java.util.List;
import org.rnn4j.internal.autograd.Node;
import org.rnn4j.internal.backend.DirectionWeights;
import org.rnn4j.internal.backend.LayerGradients;
import org.rnn4j.internal.backend.LayerInput;
import org.rnn4j.internal.backend.LayerOutputGrads;
import org.rnn4j.internal.backend.LayerResult;
import org.rnn4j.internal.backend.LayerSpec;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.gemm.Gemm;

/**
 * A whole Elman network over a sequence as ONE autograd node: the hidden recurrence is an RNN
 * layer run by the recurrent backend (bias_h in the input bias slot, no hidden bias), followed by
 * the {@link OutputHead} over all T*B rows in one GEMM.
 *
 * <p>Inputs: x [T, B, I], weight_ih [H, I], weight_hh [H, H], bias_h [H] or null,
 * weight_ho [O, H], bias_o [O] or null. Outputs: output [T, B, O], h_n [B, H].
 */
final class ElmanFunction extends Node {
    private final NetworkSpec spec;
    private final int steps;
    private final int batch;
    private LayerResult hidden;
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

    private static LayerSpec layer(NetworkSpec spec) {
        int h = spec.hiddenSize();
        return new LayerSpec(CellType.RNN, h, h, 1, spec.act(), Activation.SIGMOID, false);
    }

    /** @param x [T, B, I]; params weight_ih, weight_hh, bias_h, weight_ho, bias_o. Returns {output, h_n}. */
    static Tensor[] apply(NetworkSpec spec, Tensor x, Tensor[] params) {
        int steps = x.size(0);
        int batch = x.size(1);
        int h = spec.hiddenSize();
        int o = spec.outputSize();
        Tensor[] in = {x, params[0], params[1], params[2], params[3], params[4]};
        boolean recording = TensorAccess.recording(in);
        DirectionWeights w = new DirectionWeights(dense(params[0]), dense(params[1]), dense(params[2]),
                null, null, null, null, null);
        LayerResult hidden = RecurrentLayerFunction.BACKEND.forward(layer(spec),
                new LayerInput(dense(x), steps, batch, spec.inputSize(), null, null), List.of(w), recording);
        float[] who = dense(params[3]);
        float[] y = new float[steps * batch * o];
        new OutputHead(spec.outAct(), h, o, who, dense(params[4])).forward(steps * batch, hidden.output(), 0, y, 0);
        Tensor[] results = {TensorAccess.wrap(y, steps, batch, o), TensorAccess.wrap(hidden.hn(), batch, h)};
        if (recording) {
            ElmanFunction node = new ElmanFunction(spec, steps, batch, in);
            node.hidden = hidden;
            node.who = who;
            node.y = y;
            for (int i = 0; i < results.length; i++) TensorAccess.setGradFn(results[i], node, i);
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
            OutputHead head = new OutputHead(spec.outAct(), h, o, who, null);
            head.activationBackward(n, y, 0, dense(gradOutputs[0]), 0, dz, 0);
            head.weightBackward(n, dz, hidden.output(), 0, dwho, dbo);
            da = new float[n * h];
            // da = dz W_ho : [T*B, O] x [O, H]
            Gemm.sgemm(false, false, n, h, o, dz, 0, o, who, 0, h, 0f, da, 0, h);
        }
        DirectionWeights dw = new DirectionWeights(gradBuffer(1), gradBuffer(2), gradBuffer(3), null, null,
                null, null, null);
        LayerGradients into = new LayerGradients(gradBuffer(0), null, null, List.of(dw));
        RecurrentLayerFunction.BACKEND.backward(hidden, new LayerOutputGrads(da, dense(gradOutputs[1]), null), into);
        hidden = null;
        Tensor[] grads = new Tensor[inputs().length];
        putGrads(grads, 0, into.x(), dw.wih(), dw.whh(), dw.bih(), dwho, dbo);
        return grads;
    }

    @Override
    protected void release() {
        if (hidden != null && hidden.saved() != null) hidden.saved().release();
        hidden = null;
        who = null;
        y = null;
    }
}
