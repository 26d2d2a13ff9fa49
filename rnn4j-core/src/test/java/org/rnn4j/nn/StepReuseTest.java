package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.parallel.BufferPool;

/**
 * A training step reuses the arrays of the previous step's gradients (the engine's, and the
 * parameters' once zeroGrad drops them) and of its inner layers' outputs once backward has read
 * them, an inference step the arrays of its inner layers' outputs; nothing a caller can still see
 * is reused. (How much a step allocates:
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

    /**
     * Three stacked layers trained for a few steps give the same bits whether the inner outputs go
     * back to the pool (and every array taken from it starts as NaN, so a reader of a reused array
     * would show it) or nothing is pooled at all; also with the first layer frozen, where its output
     * needs no gradient yet the trainable layer above saves it for its weight gradient.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void givingInnerOutputsBackChangesNoResult(boolean freezeFirstLayer) {
        float[] pooled = train(true, freezeFirstLayer);
        long capacity = BufferPool.setCapacityBytes(0);
        try {
            assertArrayEquals(train(false, freezeFirstLayer), pooled, 0f);
        } finally {
            BufferPool.setCapacityBytes(capacity);
        }
    }

    /** The parameters of a three-layer LSTM after four Adam steps, one after the other. */
    private static float[] train(boolean poison, boolean freezeFirstLayer) {
        boolean before = BufferPool.setPoison(poison);
        try {
            Tensor.manualSeed(4);
            LSTM lstm = new LSTM(6, 40, LSTM.options().numLayers(3));
            List<Tensor> trained = new ArrayList<>();
            lstm.namedParameters().forEach((name, p) -> {
                if (freezeFirstLayer && name.endsWith("_l0")) p.requiresGrad(false); else trained.add(p);
            });
            Adam adam = new Adam(trained, 1e-2);
            Tensor x = Tensor.randn(30, 5, 6);
            for (int i = 0; i < 4; i++) {
                adam.zeroGrad();
                lstm.forward(x).output().pow(2f).sum().backward();
                adam.step();
            }
            return Tensor.cat(trained.stream().map(p -> p.detach().reshape(-1)).toList(), 0).toFloatArray();
        } finally {
            BufferPool.setPoison(before);
        }
    }
}
