package org.rnn4j.nn;

/**
 * Everything that defines a recurrent stack ({@link RNN}, {@link LSTM}, {@link GRU}) besides its
 * weights: what {@link Recurrent#config()} reports, {@link Recurrent#of} builds from, and model
 * files store. Immutable; each setter returns a changed copy. Options a cell family lacks keep
 * their defaults (GRU: tanh, sigmoid, no projection, no peepholes).
 *
 * @param activation     RNN: the nonlinearity; LSTM: the cell input and output activation (g, h)
 * @param gateActivation LSTM: the gates' activation (sigmoid)
 * @param projSize       LSTM: P, the projected hidden size, or 0
 * @param peephole       LSTM: peephole connections (ext)
 */
public record RecurrentConfig(CellType cell, int inputSize, int hiddenSize, int numLayers, boolean bias,
                              boolean batchFirst, double dropout, boolean bidirectional, int projSize,
                              Activation activation, Activation gateActivation, boolean peephole) {
    public RecurrentConfig {
        if (cell == null) throw new IllegalArgumentException("RecurrentConfig: cell must not be null");
        if (activation == null || gateActivation == null) {
            throw new IllegalArgumentException("RecurrentConfig: activation must not be null");
        }
    }

    /** PyTorch's defaults for {@code cell}: 1 layer, bias, time-major, no dropout, one direction, tanh. */
    public static RecurrentConfig of(CellType cell, int inputSize, int hiddenSize) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, 1, true, false, 0.0, false, 0,
                Activation.TANH, Activation.SIGMOID, false);
    }

    /** D: 2 if bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** P: the size of h (proj_size if set, else hidden_size). */
    public int outHidden() {
        return projSize > 0 ? projSize : hiddenSize;
    }

    /** D*P: the feature size of the output at every step. */
    public int outputSize() {
        return directions() * outHidden();
    }

    public RecurrentConfig numLayers(int v) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, v, bias, batchFirst, dropout, bidirectional,
                projSize, activation, gateActivation, peephole);
    }

    public RecurrentConfig bias(boolean v) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, numLayers, v, batchFirst, dropout, bidirectional,
                projSize, activation, gateActivation, peephole);
    }

    public RecurrentConfig batchFirst(boolean v) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, numLayers, bias, v, dropout, bidirectional,
                projSize, activation, gateActivation, peephole);
    }

    public RecurrentConfig dropout(double v) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, numLayers, bias, batchFirst, v, bidirectional,
                projSize, activation, gateActivation, peephole);
    }

    public RecurrentConfig bidirectional(boolean v) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, v,
                projSize, activation, gateActivation, peephole);
    }

    public RecurrentConfig projSize(int v) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
                v, activation, gateActivation, peephole);
    }

    public RecurrentConfig activation(Activation v) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
                projSize, v, gateActivation, peephole);
    }

    public RecurrentConfig gateActivation(Activation v) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
                projSize, activation, v, peephole);
    }

    public RecurrentConfig peephole(boolean v) {
        return new RecurrentConfig(cell, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
                projSize, activation, gateActivation, v);
    }
}
