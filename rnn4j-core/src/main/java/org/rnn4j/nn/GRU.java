package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * Multi-layer gated recurrent unit, like {@code torch.nn.GRU}; gate order r, z, n:
 * <pre>
 * r = σ(W_ir x + b_ir + W_hr h + b_hr)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 * h' = (1 - z) ⊙ n + z ⊙ h        (computed as (h - n) ⊙ z + n, as ATen does)
 * </pre>
 * Parameters {@code weight_ih_l{k}} [3H, I], {@code weight_hh_l{k}} [3H, H], biases [3H].
 */
public final class GRU extends Module implements Recurrent {
    /** Immutable options; each setter returns a changed copy. */
    public record Options(int numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional) {
        public Options numLayers(int v) {
            return new Options(v, bias, batchFirst, dropout, bidirectional);
        }

        public Options bias(boolean v) {
            return new Options(numLayers, v, batchFirst, dropout, bidirectional);
        }

        public Options batchFirst(boolean v) {
            return new Options(numLayers, bias, v, dropout, bidirectional);
        }

        public Options dropout(double v) {
            return new Options(numLayers, bias, batchFirst, v, bidirectional);
        }

        public Options bidirectional(boolean v) {
            return new Options(numLayers, bias, batchFirst, dropout, v);
        }
    }

    public static Options options() {
        return new Options(1, true, false, 0.0, false);
    }

    private final RecurrentStack stack;

    public GRU(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, options());
    }

    public GRU(int inputSize, int hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, options().numLayers(numLayers));
    }

    public GRU(int inputSize, int hiddenSize, Options o) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        stack = new RecurrentStack(RecurrentConfig.of(CellType.GRU, inputSize, hiddenSize).numLayers(o.numLayers())
                .bias(o.bias()).batchFirst(o.batchFirst()).dropout(o.dropout()).bidirectional(o.bidirectional()),
                this::registerParameter);
    }

    public RecurrentOutput forward(Tensor x) {
        return forward(x, null);
    }

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
