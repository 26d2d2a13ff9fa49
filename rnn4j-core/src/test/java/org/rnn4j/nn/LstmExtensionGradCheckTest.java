package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.tensor.Tensor;

/**
 * The LSTM's extensions PyTorch lacks (activation, gateActivation, peephole) checked by finite
 * differences against {@link DoubleNets#lstm}: output, h_n, c_n and the gradients of the input,
 * h0, c0 and every parameter.
 */
class LstmExtensionGradCheckTest {
    private static final int IN = 3;
    private static final int HID = 3;
    private static final int STEPS = 4;
    private static final int BATCH = 2;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Activation act : Activation.values()) {
            for (Activation gate : Activation.values()) {
                for (boolean peephole : new boolean[] {true, false}) {
                    for (boolean bias : new boolean[] {true, false}) out.add(Arguments.of(act, gate, peephole, bias));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "act={0} gate={1} peephole={2} bias={3}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Activation act, Activation gate, boolean peephole, boolean bias) {
        Tensor.manualSeed(17);
        LSTM lstm = new LSTM(IN, HID, LSTM.options().activation(act).gateActivation(gate).peephole(peephole)
                .bias(bias));
        Map<String, Tensor> leaves = new LinkedHashMap<>(lstm.namedParameters());
        // N(0, 1/4) data: with linear (identity/relu) gates the cell is a polynomial of degree 3^T
        // in the data and would otherwise grow beyond what any float32 gradient can be compared at
        leaves.put("x", Tensor.randn(STEPS, BATCH, IN).mul(0.5f).detach());
        leaves.put("h0", Tensor.randn(1, BATCH, HID).mul(0.5f).detach());
        leaves.put("c0", Tensor.randn(1, BATCH, HID).mul(0.5f).detach());
        GradCheck.check(leaves, l -> {
            LSTMOutput r = lstm.forward(l.get("x"), l.get("h0"), l.get("c0"));
            return new Tensor[] {r.output(), r.h(), r.c()};
        }, p -> DoubleNets.lstm(p, STEPS, BATCH, IN, HID, act, gate, peephole), 9);
    }
}
