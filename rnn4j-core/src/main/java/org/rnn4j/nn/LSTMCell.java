package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * One LSTM step, like {@code torch.nn.LSTMCell} (equations on {@link LSTM}).
 * Input [B, I] or [I], h and c [B, H] or [H].
 */
public final class LSTMCell extends Module {
    /** Immutable options; each setter returns a changed copy. */
    public record Options(boolean bias) {
        public Options bias(boolean v) {
            return new Options(v);
        }
    }

    public static Options options() {
        return new Options(true);
    }

    private final CellCore core;

    public LSTMCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, options());
    }

    public LSTMCell(int inputSize, int hiddenSize, Options o) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        core = new CellCore("LSTMCell", CellType.LSTM, inputSize, hiddenSize, o.bias(), Activation.TANH,
                this::registerParameter);
    }

    /** The next (h, c) from zeros. */
    public CellState forward(Tensor x) {
        return forward(x, null, null);
    }

    public CellState forward(Tensor x, Tensor h, Tensor c) {
        Tensor[] r = core.step(x, h, c);
        return new CellState(r[0], r[1]);
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
        return new Options(core.bias);
    }

    @Override
    protected String extraRepr() {
        return core.extraRepr();
    }
}
