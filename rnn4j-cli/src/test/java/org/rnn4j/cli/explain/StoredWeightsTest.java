package org.rnn4j.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.ElmanNetwork;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.JordanNetwork;
import org.rnn4j.nn.LSTM;
import org.rnn4j.tensor.Tensor;

/** Sizes, bias and peepholes are read from a state dict; activations from metadata or options. */
class StoredWeightsTest {
    private static final ExplainModel.Kind ELMAN = ExplainModel.Kind.ELMAN;
    private static final ExplainModel.Kind JORDAN = ExplainModel.Kind.JORDAN;
    private static final ExplainModel.Kind LSTM_ = ExplainModel.Kind.LSTM;
    private static final ExplainModel.Kind GRU_ = ExplainModel.Kind.GRU;

    private static StoredWeights of(Map<String, Tensor> sd, Map<String, String> meta) {
        return new StoredWeights("f.safetensors", sd, meta);
    }

    @Test
    void infersEverySizeAndFlag() {
        assertEquals(new ExplainModel.Settings(ELMAN, 3, 5, 2, Activation.IDENTITY, Activation.IDENTITY,
                Activation.SIGMOID, false, true), of(new ElmanNetwork(3, 5, 2).stateDict(), Map.of())
                .settings(ELMAN, null, null, null));
        assertEquals(new ExplainModel.Settings(JORDAN, 1, 4, 3, Activation.RELU, Activation.SIGMOID,
                Activation.SIGMOID, false, false), of(new JordanNetwork(1, 4, 3, JordanNetwork.options().bias(false))
                .stateDict(), Map.of(StoredWeights.OUTPUT_ACTIVATION, "sigmoid")).settings(JORDAN, Activation.RELU,
                null, null));
        assertEquals(new ExplainModel.Settings(LSTM_, 2, 3, 0, Activation.TANH, Activation.IDENTITY,
                Activation.TANH, true, true), of(new LSTM(2, 3, LSTM.options().peephole(true)).stateDict(),
                Map.of(StoredWeights.GATE_ACTIVATION, "tanh")).settings(LSTM_, null, null, null));
        assertEquals(new ExplainModel.Settings(GRU_, 6, 7, 0, Activation.TANH, Activation.IDENTITY,
                Activation.SIGMOID, false, false), of(new GRU(6, 7, GRU.options().bias(false)).stateDict(), Map.of())
                .settings(GRU_, null, null, null));
    }

    @Test
    void theMemoryCellPresetIsAnIdentityLstm() {
        ExplainModel.Settings s = MemoryCell.stored().settings(LSTM_, null, null, null);
        assertEquals(new ExplainModel.Settings(LSTM_, 4, 1, 0, Activation.IDENTITY, Activation.IDENTITY,
                Activation.SIGMOID, false, true), s);
    }

    @Test
    void wrongCellOrStateDictIsNamed() {
        assertEquals("memory-cell holds lstm weights, not gru", assertThrows(IllegalArgumentException.class,
                () -> MemoryCell.stored().settings(GRU_, null, null, null)).getMessage());
        assertEquals("f.safetensors has no 'weight_ih', so it is not a single-layer elman state dict "
                + "(it has [bias_hh_l0, bias_ih_l0, weight_hh_l0, weight_ih_l0])",
                assertThrows(IllegalArgumentException.class, () -> of(new GRU(2, 2).stateDict(), Map.of())
                        .settings(ELMAN, null, null, null)).getMessage());
        assertEquals("f.safetensors: weight_ih_l0 has shape [3, 2], expected [4*hidden, input]",
                assertThrows(IllegalArgumentException.class, () -> of(new GRU(2, 1).stateDict(), Map.of())
                        .settings(LSTM_, null, null, null)).getMessage());
        assertEquals("f.safetensors: metadata rnn4j.activation: Unknown activation 'gelu': expected one of "
                + "identity, tanh, sigmoid, relu", assertThrows(IllegalArgumentException.class,
                    () -> of(new ElmanNetwork(1, 1, 1).stateDict(), Map.of(StoredWeights.ACTIVATION, "gelu"))
                        .settings(ELMAN, null, null, null)).getMessage());
    }
}
