package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.nn.CellType;
import org.rnn4j.tensor.Tensor;

class StepperWeightsTest {
    /** The warm-up builds these on its own thread while the caller may be drawing from the default generator. */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void madeUpWeightsDrawNothingFromTheDefaultGenerator(CellType cell) {
        Tensor.manualSeed(5);
        float[] expected = Tensor.randn(64).toFloatArray();
        Tensor.manualSeed(5);
        StepperWeights w = StepperWeights.synthetic(cell, 16, 16, 64, 2, 1);
        assertArrayEquals(expected, Tensor.randn(64).toFloatArray());
        assertEquals(16, w.vocab());
        assertEquals(cell.gates() * 64 * 16, w.wih()[0].length);
        assertEquals(cell.gates() * 64 * 64, w.wih()[1].length);
    }

    /** Rows of every scale, so that the warm-up's gates reach every branch of the activations. */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void madeUpGateInputsReachBothTailsOfTheActivations(CellType cell) {
        StepperWeights w = StepperWeights.synthetic(cell, 16, 16, 64, 2, 2);
        float largest = 0;
        float smallest = Float.MAX_VALUE;
        for (int row = 0; row < cell.gates() * 64; row++) { // |W_hh1 h| for h = 1: the row sums' magnitude
            float s = 0;
            for (int j = 0; j < 64; j++) s += Math.abs(w.whh()[1][row * 64 + j]);
            largest = Math.max(largest, s);
            smallest = Math.min(smallest, s);
        }
        assertTrue(largest > 2 * 88, "largest row sum " + largest + ": exp's overflow is out of reach");
        assertTrue(smallest < 0.625, "smallest row sum " + smallest + ": tanh's polynomial is out of reach");
    }
}
