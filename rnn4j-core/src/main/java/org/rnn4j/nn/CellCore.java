package org.rnn4j.nn;

import org.rnn4j.internal.backend.LayerSpec;
import java.util.List;
import java.util.function.BiFunction;
import org.rnn4j.tensor.Tensor;

/**
 * What {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share: parameters
 * {@code weight_ih} [G*H, I], {@code weight_hh} [G*H, H], {@code bias_ih}, {@code bias_hh}
 * [G*H] initialised U(-1/sqrt(H), 1/sqrt(H)), validation in PyTorch's words, and one step run
 * as a one-step fused layer (all gates in one pass, one autograd node).
 */
final class CellCore {
    final String name;
    final int inputSize;
    final int hiddenSize;
    final boolean bias;
    final LayerSpec spec;
    private final DirectionParams params;

    CellCore(String name, CellType type, int inputSize, int hiddenSize, boolean bias, Activation act,
             BiFunction<String, Tensor, Tensor> register) {
        Module.requirePositive("input_size", inputSize);
        Module.requirePositive("hidden_size", hiddenSize);
        if (act == null) throw new IllegalArgumentException("nonlinearity must not be null");
        this.name = name;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        this.spec = new LayerSpec(type, hiddenSize, hiddenSize, 1, act, Activation.SIGMOID, false);
        int g = type.gates * hiddenSize;
        double bound = 1.0 / Math.sqrt(hiddenSize);
        Tensor wih = register.apply("weight_ih", Module.uniform(bound, g, inputSize));
        Tensor whh = register.apply("weight_hh", Module.uniform(bound, g, hiddenSize));
        Tensor bih = bias ? register.apply("bias_ih", Module.uniform(bound, g)) : null;
        Tensor bhh = bias ? register.apply("bias_hh", Module.uniform(bound, g)) : null;
        this.params = new DirectionParams(wih, whh, bih, bhh, null, null, null, null);
    }


    /** One step: returns {h'} or {h', c'} shaped like the input's batch layout. */
    Tensor[] step(Tensor x, Tensor h, Tensor c) {
        if (x == null) throw new IllegalArgumentException(name + ": input must not be null");
        if (x.dim() != 1 && x.dim() != 2) {
            throw new IllegalArgumentException(name + ": Expected input to be 1-D or 2-D but received " + x.dim()
                    + "-D tensor");
        }
        boolean batched = x.dim() == 2;
        checkRank(h, batched, "hidden");
        checkRank(c, batched, "cell state");
        if (!batched) {
            x = x.unsqueeze(0);
            if (h != null) h = h.unsqueeze(0);
            if (c != null) c = c.unsqueeze(0);
        }
        if (x.size(1) != inputSize) {
            throw new IllegalArgumentException("input has inconsistent input_size: got " + x.size(1) + " expected "
                    + inputSize);
        }
        checkState(x, h, "hidden0");
        checkState(x, c, "hidden1");
        Tensor[] r = RecurrentLayerFunction.apply(spec, x.unsqueeze(0), h == null ? null : h.unsqueeze(0),
                c == null ? null : c.unsqueeze(0), List.of(params));
        Tensor hn = r[1].squeeze(0);
        Tensor cn = r.length > 2 ? r[2].squeeze(0) : null;
        if (!batched) {
            hn = hn.squeeze(0);
            if (cn != null) cn = cn.squeeze(0);
        }
        return cn == null ? new Tensor[] {hn} : new Tensor[] {hn, cn};
    }

    private void checkRank(Tensor s, boolean batched, String what) {
        if (s == null) return;
        int want = batched ? 2 : 1;
        if (s.dim() != want) {
            throw new IllegalArgumentException(name + ": Expected " + what + " to be " + want + "-D for "
                    + (batched ? "2-D" : "1-D") + " input, got " + s.dim() + "-D tensor");
        }
    }

    private void checkState(Tensor x, Tensor s, String which) {
        if (s == null) return;
        if (s.size(0) != x.size(0)) {
            throw new IllegalArgumentException("Input batch size " + x.size(0) + " doesn't match " + which
                    + " batch size " + s.size(0));
        }
        if (s.size(1) != hiddenSize) {
            throw new IllegalArgumentException(which + " has inconsistent hidden_size: got " + s.size(1)
                    + ", expected " + hiddenSize);
        }
    }

    /** PyTorch's RNNCellBase.extra_repr. */
    String extraRepr() {
        String s = inputSize + ", " + hiddenSize;
        if (!bias) s += ", bias=False";
        if (spec.type() == CellType.RNN && spec.act() != Activation.TANH) {
            s += ", nonlinearity=" + spec.act().pytorchName();
        }
        return s;
    }
}
