package org.rnn4j.nn;

import static org.rnn4j.nn.RecurrentLayerFunction.dense;

import org.rnn4j.internal.TensorAccess;
import org.rnn4j.internal.autograd.Node;
import org.rnn4j.tensor.Tensor;

/**
 * A whole Jordan network over a sequence as ONE autograd node ({@link JordanScan} forward and
 * BPTT backward).
 *
 * <p>Inputs: x [T, B, I], weight_ih [H, I], weight_yh [H, O], bias_h [H] or null,
 * weight_ho [O, H], bias_o [O] or null. Outputs: output [T, B, O], h_n [B, H].
 */
final class JordanFunction extends Node {
    private final NetworkSpec spec;
    private float[] x;
    private JordanState state;
    private JordanScan.Weights weights;

    private JordanFunction(NetworkSpec spec, Tensor[] inputs) {
        super(2, inputs);
        this.spec = spec;
    }

    @Override
    public String name() {
        return "JordanNetworkBackward";
    }

    /** @param x [T, B, I]; params weight_ih, weight_yh, bias_h, weight_ho, bias_o. Returns {output, h_n}. */
    static Tensor[] apply(NetworkSpec spec, Tensor x, Tensor[] params) {
        int steps = x.size(0);
        int batch = x.size(1);
        int h = spec.hiddenSize();
        int o = spec.outputSize();
        float[] xa = dense(x);
        JordanState st = new JordanState(steps, batch, h, o);
        JordanScan.Weights w = new JordanScan.Weights(dense(params[0]), dense(params[1]), dense(params[2]),
                dense(params[3]), dense(params[4]));
        JordanScan.of(spec, w).forward(st, xa);
        float[] y = new float[steps * batch * o];
        System.arraycopy(st.y, batch * o, y, 0, y.length);
        float[] hn = new float[batch * h];
        System.arraycopy(st.a, (steps - 1) * batch * h, hn, 0, batch * h);
        Tensor[] results = {TensorAccess.wrap(y, steps, batch, o), TensorAccess.wrap(hn, batch, h)};
        Tensor[] in = {x, params[0], params[1], params[2], params[3], params[4]};
        if (TensorAccess.recording(in)) {
            JordanFunction node = new JordanFunction(spec, in);
            node.x = xa;
            node.state = st;
            node.weights = w;
            for (int i = 0; i < results.length; i++) TensorAccess.setGradFn(results[i], node, i);
        }
        return results;
    }

    @Override
    protected Tensor[] backward(Tensor[] gradOutputs) {
        float[] dOut = dense(gradOutputs[0]);
        float[] dhN = dense(gradOutputs[1]);
        float[] dx = needsGrad(0) ? new float[x.length] : null;
        JordanScan.Weights dw = new JordanScan.Weights(gradBuffer(1), gradBuffer(2), gradBuffer(3), gradBuffer(4),
                gradBuffer(5));
        JordanScan.of(spec, weights).backward(state, dw, dOut, dhN, x, dx);
        Tensor[] grads = new Tensor[inputs().length];
        putGrads(grads, 0, dx, dw.wih(), dw.wyh(), dw.bh(), dw.who(), dw.bo());
        return grads;
    }

    @Override
    protected void release() {
        x = null;
        state = null;
        weights = null;
    }
}
