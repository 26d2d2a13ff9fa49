package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;

/**
 * A training step reuses the arrays of the previous step's gradients (the engine's, and the
 * parameters' once zeroGrad drops them), an inference step the arrays of its inner layers'
 * outputs; nothing a caller can still see is reused. (How much a step allocates:
 * rnn4j-cli's StepAllocationTest, which can read the JVM's allocation counters.)
 */
class StepReuseTest {
    @Test
    void aGradientTheCallerHoldsIsNotReusedAfterZeroGrad() {
        Tensor.manualSeed(2);
        LSTM lstm = new LSTM(4, 64);
        Adam adam = new Adam(lstm.parameters(), 1e-3);
        lstm.forward(Tensor.randn(20, 8, 4)).output().sum().backward();
        Tensor held = lstm.parameters().get(1).grad(); // weight_hh: 16,384 floats, a pooled size
        float[] before = held.toFloatArray();
        for (int i = 0; i < 3; i++) {
            adam.zeroGrad();
            lstm.forward(Tensor.randn(20, 8, 4)).output().mul(2f).sum().backward();
        }
        assertArrayEquals(before, held.toFloatArray(), 0f);
    }

    @Test
    void anInferenceOutputTheCallerHoldsIsNotReused() {
        Tensor.manualSeed(3);
        LSTM lstm = new LSTM(16, 32, LSTM.options().numLayers(3));
        try (var off = GradMode.noGrad()) {
            Tensor first = lstm.forward(Tensor.randn(40, 4, 16)).output();
            float[] before = first.toFloatArray();
            for (int i = 0; i < 3; i++) lstm.forward(Tensor.randn(40, 4, 16));
            assertArrayEquals(before, first.toFloatArray(), 0f);
        }
    }
}
