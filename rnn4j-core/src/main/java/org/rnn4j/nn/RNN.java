package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * Multi-layer Elman RNN, like {@code torch.nn.RNN}: per layer and direction
 * <pre>h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)</pre>
 * with act = tanh or relu (any {@link Activation} is accepted). Layer k > 0 reads layer k-1's
 * output, with dropout between layers in training mode. Parameters {@code weight_ih_l{k}}
 * [H, I or D*H], {@code weight_hh_l{k}} [H, H], {@code bias_ih_l{k}}, {@code bias_hh_l{k}} [H],
 * {@code _reverse} for the backward direction; all U(-1/sqrt(H), 1/sqrt(H)).
 *
 * <p>Input [T, B, I] ([B, T, I] with batchFirst, [T, I] unbatched), h0 [L*D, B, H], or a
 * {@link PackedSequence} of sequences of different lengths, each of which then runs only its own
 * steps. Each layer runs as one fused autograd node whose backward is BPTT.
 */
public final class RNN extends Module implements Recurrent {
    /**
     * Immutable options; each setter returns a changed copy.
     */
    public record Options(int numLayers, boolean bias, boolean batchFirst, double dropout,
                          boolean bidirectional, Activation nonlinearity) {
        public Options numLayers(int v) {
            return new Options(v, bias, batchFirst, dropout, bidirectional, nonlinearity);
        }

        public Options bias(boolean v) {
            return new Options(numLayers, v, batchFirst, dropout, bidirectional, nonlinearity);
        }

        public Options batchFirst(boolean v) {
            return new Options(numLayers, bias, v, dropout, bidirectional, nonlinearity);
        }

        public Options dropout(double v) {
            return new Options(numLayers, bias, batchFirst, v, bidirectional, nonlinearity);
        }

        public Options bidirectional(boolean v) {
            return new Options(numLayers, bias, batchFirst, dropout, v, nonlinearity);
        }

        public Options nonlinearity(Activation v) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, v);
        }
    }

    /** PyTorch's defaults: 1 layer, bias, time-major, no dropout, one direction, tanh. */
    public static Options options() {
        return new Options(1, true, false, 0.0, false, Activation.TANH);
    }

    private final RecurrentStack stack;

    public RNN(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, options());
    }

    public RNN(int inputSize, int hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, options().numLayers(numLayers));
    }

    public RNN(int inputSize, int hiddenSize, Options o) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        stack = new RecurrentStack(RecurrentConfig.of(CellType.RNN, inputSize, hiddenSize).numLayers(o.numLayers())
                .bias(o.bias()).batchFirst(o.batchFirst()).dropout(o.dropout()).bidirectional(o.bidirectional())
                .activation(o.nonlinearity()), this::registerParameter);
    }

    /** {@code output, h_n} with h0 = zeros. */
    public RecurrentOutput forward(Tensor x) {
        return forward(x, null);
    }

    /** {@code output, h_n}; h0 [L*D, B, H] ([L*D, H] unbatched), or null for zeros. */
    public RecurrentOutput forward(Tensor x, Tensor h0) {
        Tensor[] r = stack.forward(x, h0, null, isTraining());
        return new RecurrentOutput(r[0], r[1]);
    }

    /** PyTorch's {@code rnn(packed)}: {@code output, h_n} with h0 = zeros. */
    public PackedOutput forward(PackedSequence x) {
        return forward(x, null);
    }

    /**
     * A packed batch ({@link RnnUtils#packPaddedSequence}): each sequence runs only its own steps,
     * and h_n holds each one's state after its own last step. h0 [L*D, B, H] in the caller's batch
     * order (B = the number of sequences), or null for zeros.
     */
    public PackedOutput forward(PackedSequence x, Tensor h0) {
        Tensor[] r = stack.forward(x, h0, null, isTraining());
        return new PackedOutput(x.withData(r[0]), r[1]);
    }

    public int inputSize() {
        return stack.inputSize;
    }

    public int hiddenSize() {
        return stack.hiddenSize;
    }

    public int numLayers() {
        return stack.numLayers;
    }

    @Override
    public RecurrentConfig config() {
        return stack.config;
    }

    @Override
    public RecurrentResult run(Tensor input, RecurrentState state) {
        RecurrentOutput o = forward(input, state == null ? null : state.h());
        return new RecurrentResult(o.output(), new RecurrentState(o.h(), null));
    }

    @Override
    public PackedResult run(PackedSequence input, RecurrentState state) {
        PackedOutput o = forward(input, state == null ? null : state.h());
        return new PackedResult(o.output(), new RecurrentState(o.h(), null));
    }

    @Override
    public Module module() {
        return this;
    }

    @Override
    protected String extraRepr() {
        return stack.extraRepr();
    }
}
