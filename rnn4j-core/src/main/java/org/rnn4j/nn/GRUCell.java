package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * One GRU step, like {@code torch.nn.GRUCell} (equations on {@link GRU}).
 * Input [B, I] or [I], hidden [B, H] or [H].
 */
public final class GRUCell extends Module {
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

    public GRUCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, options());
    }

    public GRUCell(int inputSize, int hiddenSize, Options o) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        core = new CellCore("GRUCell", CellType.GRU, inputSize, hiddenSize, o.bias(), Activation.TANH,
                this::registerParameter);
    }

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
        return new Options(core.bias);
    }

    @Override
    protected String extraRepr() {
        return core.extraRepr();
    }
}
