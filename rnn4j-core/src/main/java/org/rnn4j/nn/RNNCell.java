package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * One Elman step, like {@code torch.nn.RNNCell}: {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)}.
 * Input [B, I] or [I], hidden [B, H] or [H].
 */
public final class RNNCell extends Module {
    /** Immutable options; each setter returns a changed copy. */
    public record Options(boolean bias, Activation nonlinearity) {
        public Options bias(boolean v) {
            return new Options(v, nonlinearity);
        }

        public Options nonlinearity(Activation v) {
            return new Options(bias, v);
        }
    }

    public static Options options() {
        return new Options(true, Activation.TANH);
    }

    private final CellCore core;

    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, options());
    }

    public RNNCell(int inputSize, int hiddenSize, Options o) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        core = new CellCore("RNNCell", CellType.RNN, inputSize, hiddenSize, o.bias(), o.nonlinearity(),
                this::registerParameter);
    }

    /** The next hidden state from h = zeros. */
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    public Tensor forward(Tensor x, Tensor h) {
        return core.step(x, h, null)[0];
    }

    /** {@code input_size}. */
    public int inputSize() {
        return core.inputSize;
    }

    /** {@code hidden_size}. */
    public int hiddenSize() {
        return core.hiddenSize;
    }

    /** The options this cell was built with (what {@code options()} and its setters made). */
    public Options config() {
        return new Options(core.bias, core.spec.act());
    }

    @Override
    protected String extraRepr() {
        return core.extraRepr();
    }
}
