package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * Multi-layer long short-term memory, like {@code torch.nn.LSTM}; gate order i, f, g, o:
 * <pre>
 * i = σ(W_ii x + b_ii + W_hi h + b_hi)     f = σ(W_if x + b_if + W_hf h + b_hf)
 * g = tanh(W_ig x + b_ig + W_hg h + b_hg)  o = σ(W_io x + b_io + W_ho h + b_ho)
 * c' = f ⊙ c + i ⊙ g                        h' = o ⊙ tanh(c')   (then h' W_hr^T with proj_size)
 * </pre>
 * Extensions (PyTorch lacks them): {@code activation} replaces tanh for g and h,
 * {@code gateActivation} replaces σ, and {@code peephole} adds {@code w_ci ⊙ c} to i,
 * {@code w_cf ⊙ c} to f and {@code w_co ⊙ c'} to o (parameters {@code weight_ci_l{k}},
 * {@code weight_cf_l{k}}, {@code weight_co_l{k}}, each [H]).
 */
public final class LSTM extends Module implements Recurrent {
    /** Immutable options; each setter returns a changed copy. */
    public record Options(int numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
                          int projSize, Activation activation, Activation gateActivation, boolean peephole) {
        public Options numLayers(int v) {
            return new Options(v, bias, batchFirst, dropout, bidirectional, projSize, activation, gateActivation, peephole);
        }

        public Options bias(boolean v) {
            return new Options(numLayers, v, batchFirst, dropout, bidirectional, projSize, activation, gateActivation,
                    peephole);
        }

        public Options batchFirst(boolean v) {
            return new Options(numLayers, bias, v, dropout, bidirectional, projSize, activation, gateActivation,
                    peephole);
        }

        public Options dropout(double v) {
            return new Options(numLayers, bias, batchFirst, v, bidirectional, projSize, activation, gateActivation,
                    peephole);
        }

        public Options bidirectional(boolean v) {
            return new Options(numLayers, bias, batchFirst, dropout, v, projSize, activation, gateActivation, peephole);
        }

        public Options projSize(int v) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, v, activation, gateActivation,
                    peephole);
        }

        public Options activation(Activation v) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, projSize, v, gateActivation,
                    peephole);
        }

        public Options gateActivation(Activation v) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, projSize, activation, v, peephole);
        }

        public Options peephole(boolean v) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, projSize, activation,
                    gateActivation, v);
        }
    }

    public static Options options() {
        return new Options(1, true, false, 0.0, false, 0, Activation.TANH, Activation.SIGMOID, false);
    }

    private final RecurrentStack stack;

    public LSTM(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, options());
    }

    public LSTM(int inputSize, int hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, options().numLayers(numLayers));
    }

    public LSTM(int inputSize, int hiddenSize, Options o) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        stack = new RecurrentStack(RecurrentConfig.of(CellType.LSTM, inputSize, hiddenSize).numLayers(o.numLayers())
                .bias(o.bias()).batchFirst(o.batchFirst()).dropout(o.dropout()).bidirectional(o.bidirectional())
                .projSize(o.projSize()).activation(o.activation()).gateActivation(o.gateActivation())
                .peephole(o.peephole()), this::registerParameter);
    }

    public LSTMOutput forward(Tensor x) {
        return forward(x, null, null);
    }

    /** h0 [L*D, B, P] and c0 [L*D, B, H] (unbatched: without B); either may be null for zeros. */
    public LSTMOutput forward(Tensor x, Tensor h0, Tensor c0) {
        Tensor[] r = stack.forward(x, h0, c0, isTraining());
        return new LSTMOutput(r[0], r[1], r[2]);
    }

    /** PyTorch's {@code lstm(packed)}: {@code output, (h_n, c_n)} from zeros. */
    public PackedLSTMOutput forward(PackedSequence x) {
        return forward(x, null, null);
    }

    /**
     * A packed batch ({@link RnnUtils#packPaddedSequence}): each sequence runs only its own steps,
     * and h_n, c_n hold each one's state after its own last step. h0 [L*D, B, P] and c0
     * [L*D, B, H] in the caller's batch order (B = the number of sequences); either may be null.
     */
    public PackedLSTMOutput forward(PackedSequence x, Tensor h0, Tensor c0) {
        Tensor[] r = stack.forward(x, h0, c0, isTraining());
        return new PackedLSTMOutput(x.withData(r[0]), r[1], r[2]);
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
        LSTMOutput o = state == null ? forward(input) : forward(input, state.h(), state.c());
        return new RecurrentResult(o.output(), new RecurrentState(o.h(), o.c()));
    }

    @Override
    public PackedResult run(PackedSequence input, RecurrentState state) {
        PackedLSTMOutput o = state == null ? forward(input) : forward(input, state.h(), state.c());
        return new PackedResult(o.output(), new RecurrentState(o.h(), o.c()));
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
