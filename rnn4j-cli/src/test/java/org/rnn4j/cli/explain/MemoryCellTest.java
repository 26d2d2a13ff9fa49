package org.rnn4j.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LSTMOutput;
import org.rnn4j.tensor.Tensor;

/**
 * The tutorial's hand-set memory cell, run through the library's own LSTM (fused kernel):
 * it stores a value when told, holds it, ignores values it is not told to store, emits it only
 * when told, and forgets it when told.
 */
class MemoryCellTest {
    /** Saturated sigmoids leave at most σ(-20)·|value| ≈ 2e-8 of leakage. */
    private static final float LEAK = 1e-7f;

    private static LSTMOutput run(float[]... steps) {
        float[] flat = new float[steps.length * 4];
        for (int t = 0; t < steps.length; t++) System.arraycopy(steps[t], 0, flat, t * 4, 4);
        return MemoryCell.create().forward(Tensor.of(flat, steps.length, 4));
    }

    private static float[] step(float value, int store, int forget, int emit) {
        return new float[] {value, store, forget, emit};
    }

    @Test
    void storesHoldsEmitsAndForgets() {
        LSTM lstm = MemoryCell.create();
        float[][] xs = InputSequence.parse(MemoryCell.SCENARIO);
        float[] flat = new float[xs.length * 4];
        for (int t = 0; t < xs.length; t++) System.arraycopy(xs[t], 0, flat, t * 4, 4);
        // cell state after each step: one unit, so the per-step c comes from prefixes
        float[] expectedC = {5, 5, 5, 5, 0, 0, 7};
        float[] expectedH = {0, 0, 0, 5, 0, 0, 7};
        float[] h = lstm.forward(Tensor.of(flat, xs.length, 4)).output().toFloatArray();
        for (int t = 0; t < xs.length; t++) {
            float c = lstm.forward(Tensor.of(flat, xs.length, 4).narrow(0, 0, t + 1)).c().item();
            assertEquals(expectedC[t], c, LEAK, "c after step " + t);
            assertEquals(expectedH[t], h[t], LEAK, "h at step " + t);
        }
    }

    @Test
    void holdsAValueForManyStepsWithoutEmitting() {
        float[][] steps = new float[50][];
        steps[0] = step(-2.5f, 1, 0, 0);
        for (int t = 1; t < 49; t++) steps[t] = step(t % 3, 0, 0, 0); // values it is not told to store
        steps[49] = step(0, 0, 0, 1);
        LSTMOutput r = run(steps);
        float[] h = r.output().toFloatArray();
        for (int t = 0; t < 49; t++) assertEquals(0f, h[t], LEAK, "silent at step " + t);
        assertEquals(-2.5f, h[49], LEAK, "emits the stored value");
        assertEquals(-2.5f, r.c().item(), LEAK, "still holds it");
    }

    @Test
    void storingOverwritesAndForgettingClears() {
        LSTMOutput r = run(step(4, 1, 0, 0), step(9, 1, 0, 1), step(0, 0, 1, 1));
        float[] h = r.output().toFloatArray();
        assertEquals(9f, h[1], LEAK, "the second store replaces the first");
        assertEquals(0f, h[2], LEAK, "forgotten");
        assertEquals(0f, r.c().item(), LEAK);
    }
}
