package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * The classic Elman network (ext; PyTorch has no twin): a recurrent hidden layer whose previous
 * state feeds back, and a dense output layer. For every step t, with a_{-1} = 0:
 * <pre>
 * a_t = act(W_ih x_t + W_hh a_{t-1} + b_h)
 * y_t = outAct(W_ho a_t + b_o)
 * </pre>
 * Parameters (PyTorch-style names, registered in this order): {@code weight_ih} [H, I],
 * {@code weight_hh} [H, H], {@code bias_h} [H], {@code weight_ho} [O, H], {@code bias_o} [O]
 * (no biases with bias=False), all initialised U(-1/sqrt(H), 1/sqrt(H)) like {@code torch.nn.RNN}.
 * Defaults: act = tanh, outAct = identity, bias on, time-major.
 *
 * <p>Input [T, B, I] ([B, T, I] with batchFirst, or unbatched [T, I]); {@link #forward} returns
 * the outputs [T, B, O] (same layout as the input) and the last hidden state a_{T-1} [B, H]
 * ([H] unbatched). The whole sequence runs as one fused autograd node whose backward is BPTT.
 */
public final class ElmanNetwork extends Module {
    /** Immutable options; each setter returns a changed copy. */
    public record Options(Activation activation, Activation outputActivation, boolean bias, boolean batchFirst) {
        /** The hidden layer's activation {@code act}. */
        public Options activation(Activation v) {
            return new Options(v, outputActivation, bias, batchFirst);
        }

        /** The output layer's activation {@code outAct}. */
        public Options outputActivation(Activation v) {
            return new Options(activation, v, bias, batchFirst);
        }

        public Options bias(boolean v) {
            return new Options(activation, outputActivation, v, batchFirst);
        }

        public Options batchFirst(boolean v) {
            return new Options(activation, outputActivation, bias, v);
        }
    }

    /** The defaults: tanh hidden layer, identity output layer, biases, time-major input. */
    public static Options options() {
        return new Options(Activation.TANH, Activation.IDENTITY, true, false);
    }

    private final NetworkSpec spec;
    private final Tensor[] params;

    public ElmanNetwork(int inputSize, int hiddenSize, int outputSize) {
        this(inputSize, hiddenSize, outputSize, options());
    }

    public ElmanNetwork(int inputSize, int hiddenSize, int outputSize, Options o) {
        if (o == null) throw new IllegalArgumentException("ElmanNetwork: options must not be null");
        spec = new NetworkSpec("ElmanNetwork", inputSize, hiddenSize, outputSize, o.activation(),
                o.outputActivation(), o.bias(), o.batchFirst());
        params = spec.register(this::registerParameter, "weight_hh", hiddenSize);
    }

    /** Outputs y_t for every step and the last hidden state; a_{-1} = 0. */
    public NetworkOutput forward(Tensor x) {
        Tensor t = spec.timeMajor(x);
        Tensor[] r = ElmanFunction.apply(spec, t, params);
        return spec.restore(x, r[0], r[1]);
    }

    public int inputSize() {
        return spec.inputSize();
    }

    public int hiddenSize() {
        return spec.hiddenSize();
    }

    public int outputSize() {
        return spec.outputSize();
    }

    /** The options this network was built with (what {@code options()} and its setters made). */
    public Options config() {
        return new Options(spec.act(), spec.outAct(), spec.bias(), spec.batchFirst());
    }

    @Override
    protected String extraRepr() {
        return spec.extraRepr();
    }
}
