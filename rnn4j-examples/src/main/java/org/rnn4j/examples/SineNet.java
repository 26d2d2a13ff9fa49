package org.rnn4j.examples;

import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.nn.RecurrentResult;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tensor.Tensor;

/**
 * The tutorial's sine net: a batch-first recurrent layer stack (rnn, lstm or gru) and a Linear
 * head applied at every step. {@code forward} takes x [B, T, 1] and the carried state and returns
 * the prediction [B, T, 1] with the new state.
 */
public final class SineNet extends Module {
    /** A prediction [B, T, 1] and the state after the last step. */
    public record Result(Tensor prediction, RecurrentState state) {}

    private final Recurrent rnn;
    private final Linear linear;

    public SineNet(String cell, int hidden, int layers) {
        rnn = Recurrent.of(RecurrentConfig.of(CellType.parse(cell), 1, hidden).numLayers(layers).batchFirst(true));
        registerModule("rnn", rnn.module());
        linear = registerModule("linear", new Linear(hidden, 1));
    }

    /** The recurrent layer stack (its repr is PyTorch's, e.g. {@code RNN(1, 16, num_layers=2, batch_first=True)}). */
    public Module recurrent() {
        return rnn.module();
    }

    /** The zero state for a batch of {@code batch}. */
    public RecurrentState zeroState(int batch) {
        return rnn.zeroState(batch);
    }

    public Result forward(Tensor x, RecurrentState state) {
        RecurrentResult r = rnn.run(x, state);
        return new Result(linear.forward(r.output()), r.state());
    }
}
