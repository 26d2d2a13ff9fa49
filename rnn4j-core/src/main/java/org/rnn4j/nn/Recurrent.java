package org.rnn4j.nn;

import java.util.List;
import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share, for code that works with any of them
 * (a model with a {@code --cell} option, a model file, an exporter): the description of the
 * stack ({@link #config()}) and one forward with an explicit state.
 *
 * <pre>{@code
 * Recurrent rnn = Recurrent.of(RecurrentConfig.of(CellType.LSTM, 8, 32).numLayers(2));
 * RecurrentState state = null;                       // zeros
 * for (Tensor window : windows) {
 *     RecurrentResult r = rnn.run(window, state);
 *     state = r.state().detach();                     // carried, truncated BPTT
 * }
 * }</pre>
 *
 * <p>The module-specific forwards ({@code RNN.forward(x, h0)}, {@code LSTM.forward(x, h0, c0)})
 * remain, with PyTorch's shapes. A batch of sequences of different lengths runs packed
 * ({@link #run(PackedSequence, RecurrentState)}, {@link RnnUtils#packPaddedSequence}): each
 * sequence only its own steps, its state taken after its own last step.
 */
public sealed interface Recurrent permits RNN, LSTM, GRU {
    /** The stack's sizes and options. */
    RecurrentConfig config();

    /** Runs the stack from {@code state} (null: zeros); input and state shapes as PyTorch's. */
    RecurrentResult run(Tensor input, RecurrentState state);

    /** Runs the stack from a zero state. */
    default RecurrentResult run(Tensor input) {
        return run(input, null);
    }

    /**
     * Runs the stack on a packed batch from {@code state} (null: zeros), in the caller's batch
     * order; the returned state is each sequence's after its own last step.
     */
    PackedResult run(PackedSequence input, RecurrentState state);

    /** Runs the stack on a packed batch from a zero state. */
    default PackedResult run(PackedSequence input) {
        return run(input, null);
    }

    /** The zero state for a batch of {@code batch} rows: h [L*D, B, P] (and c [L*D, B, H]). */
    default RecurrentState zeroState(int batch) {
        RecurrentConfig c = config();
        int rows = c.numLayers() * c.directions();
        Tensor h = Tensor.zeros(rows, batch, c.outHidden());
        return new RecurrentState(h, c.cell() == CellType.LSTM ? Tensor.zeros(rows, batch, c.hiddenSize()) : null);
    }

    /** This stack as a module, to register it as a child. */
    Module module();

    // The Module methods callers use through this interface.

    Map<String, Tensor> namedParameters();

    List<Tensor> parameters();

    Map<String, Tensor> stateDict();

    void loadStateDict(Map<String, Tensor> state);

    Module train();

    Module eval();

    boolean isTraining();

    void zeroGrad();

    /** Builds the module that {@code config} describes, initialised from the default generator. */
    static Recurrent of(RecurrentConfig config) {
        if (config == null) throw new IllegalArgumentException("config must not be null");
        return switch (config.cell()) {
            case RNN -> new RNN(config.inputSize(), config.hiddenSize(), RNN.options().numLayers(config.numLayers())
                    .bias(config.bias()).batchFirst(config.batchFirst()).dropout(config.dropout())
                    .bidirectional(config.bidirectional()).nonlinearity(config.activation()));
            case GRU -> new GRU(config.inputSize(), config.hiddenSize(), GRU.options().numLayers(config.numLayers())
                    .bias(config.bias()).batchFirst(config.batchFirst()).dropout(config.dropout())
                    .bidirectional(config.bidirectional()));
            case LSTM -> new LSTM(config.inputSize(), config.hiddenSize(), LSTM.options()
                    .numLayers(config.numLayers()).bias(config.bias()).batchFirst(config.batchFirst())
                    .dropout(config.dropout()).bidirectional(config.bidirectional()).projSize(config.projSize())
                    .activation(config.activation()).gateActivation(config.gateActivation())
                    .peephole(config.peephole()));
        };
    }
}
