package org.rnn4j.examples;

import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LSTMOutput;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.tensor.Tensor;

/**
 * The tutorial's sine net: a batch-first recurrent layer stack (rnn, lstm or gru) and a Linear
 * head applied at every step. {@code forward} takes x [B, T, 1] and the carried state and returns
 * the prediction [B, T, 1] with the new state.
 */
public final class SineNet extends Module {
    /** The recurrent state carried between calls: h [L, B, H] and, for LSTM, c [L, B, H]. */
    public record State(Tensor h, Tensor c) {
        public State detach() {
            return new State(h.detach(), c == null ? null : c.detach());
        }
    }

    /** A prediction [B, T, 1] and the state after the last step. */
    public record Result(Tensor prediction, State state) {}

    private final Module rnn;
    private final Linear linear;
    private final int hidden;
    private final int layers;

    public SineNet(String cell, int hidden, int layers) {
        this.hidden = hidden;
        this.layers = layers;
        switch (cell) {
            case "rnn":
                rnn = new RNN(1, hidden, RNN.options().numLayers(layers).batchFirst(true));
                break;
            case "lstm":
                rnn = new LSTM(1, hidden, LSTM.options().numLayers(layers).batchFirst(true));
                break;
            case "gru":
                rnn = new GRU(1, hidden, GRU.options().numLayers(layers).batchFirst(true));
                break;
            default:
                throw new IllegalArgumentException("cell must be rnn, lstm or gru, got '" + cell + "'");
        }
        registerModule("rnn", rnn);
        linear = registerModule("linear", new Linear(hidden, 1));
    }

    /** The recurrent layer stack (its repr is PyTorch's, e.g. {@code RNN(1, 16, num_layers=2, batch_first=True)}). */
    public Module recurrent() {
        return rnn;
    }

    /** The zero state for a batch of {@code batch}. */
    public State zeroState(int batch) {
        Tensor h = Tensor.zeros(layers, batch, hidden);
        return new State(h, rnn instanceof LSTM ? Tensor.zeros(layers, batch, hidden) : null);
    }

    public Result forward(Tensor x, State state) {
        Tensor features;
        State next;
        if (rnn instanceof LSTM lstm) {
            LSTMOutput o = lstm.forward(x, state.h(), state.c());
            features = o.output();
            next = new State(o.h(), o.c());
        } else {
            RecurrentOutput o = rnn instanceof RNN r ? r.forward(x, state.h()) : ((GRU) rnn).forward(x, state.h());
            features = o.output();
            next = new State(o.h(), null);
        }
        return new Result(linear.forward(features), next);
    }
}
