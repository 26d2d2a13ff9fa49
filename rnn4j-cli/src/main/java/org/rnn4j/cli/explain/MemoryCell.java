package org.rnn4j.cli.explain;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.LSTM;
import org.rnn4j.tensor.Tensor;

/**
 * The tutorial's hand-set memory cell: a one-unit LSTM with linear g and h
 * ({@code activation = identity}) that stores a value when told, holds it, forgets it when told,
 * and emits it when told. Input per step: {@code [value, store, forget, emit]}, each flag 0 or 1.
 * Gate weights of ±40 around biases of ∓20 saturate the sigmoids (σ(±20) is 1 or 2e-9):
 * <pre>
 * i = σ(40·store - 20)                  write only when told to store
 * f = σ(20 - 40·store - 40·forget)      keep, unless storing a new value or forgetting
 * g = value                             (linear)
 * o = σ(40·emit - 20)                   show the cell only when told to emit
 * c = f·c_prev + i·g,   h = o·c         (linear)
 * </pre>
 * The recurrent weights and {@code bias_hh_l0} are zero: the cell acts on its inputs alone.
 */
public final class MemoryCell {
    /** Input size 4: value, store, forget, emit. */
    public static final int INPUTS = 4;
    /** A scenario: store 5, hold, ignore an unstored 3, emit 5, forget, emit nothing, store and emit 7. */
    public static final String SCENARIO = "5,1,0,0; 0,0,0,0; 3,0,0,0; 0,0,0,1; 0,0,1,0; 0,0,0,1; 7,1,0,1";

    private MemoryCell() {}

    /** The options the weights are meant for: linear g and h, sigmoid gates, biases, no peepholes. */
    public static LSTM.Options options() {
        return LSTM.options().activation(Activation.IDENTITY);
    }

    /** The preset as {@code explain --weights memory-cell} uses it: weights plus metadata. */
    public static StoredWeights stored() {
        return new StoredWeights("memory-cell", stateDict(), metadata());
    }

    /** What the shapes cannot tell: the cell, linear g and h, the scenario, the input layout. */
    public static Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(StoredWeights.CELL, "lstm");
        m.put(StoredWeights.ACTIVATION, "identity");
        m.put(StoredWeights.INPUT, SCENARIO);
        m.put(StoredWeights.NOTE, "the tutorial's memory cell; inputs per step: [value, store, forget, emit]");
        return m;
    }

    /** A fresh LSTM(4, 1) with the memory-cell weights loaded. */
    public static LSTM create() {
        LSTM lstm = new LSTM(INPUTS, 1, options());
        lstm.loadStateDict(stateDict());
        return lstm;
    }

    /** The hand-set weights, keyed like {@code LSTM(4, 1).stateDict()}. */
    public static Map<String, Tensor> stateDict() {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("weight_ih_l0", Tensor.of(new float[] {
            0, 40, 0, 0,      // i: store
            0, -40, -40, 0,   // f: store or forget clears
            1, 0, 0, 0,       // g: the value
            0, 0, 0, 40,      // o: emit
        }, 4, INPUTS));
        sd.put("weight_hh_l0", Tensor.zeros(4, 1));
        sd.put("bias_ih_l0", Tensor.of(new float[] {-20, 20, 0, -20}, 4));
        sd.put("bias_hh_l0", Tensor.zeros(4));
        return sd;
    }
}
