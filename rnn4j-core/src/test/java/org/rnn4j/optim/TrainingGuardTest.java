package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.nn.Linear;
import org.rnn4j.tensor.Tensor;

class TrainingGuardTest {
    @Test
    void stopsNamingTheIterationAndParameterAndKeepsWeights() {
        Tensor.manualSeed(1);
        Linear lin = new Linear(2, 1);
        float[] before = lin.weight().toFloatArray();
        Adam adam = new Adam(lin.parameters(), 0.1);
        TrainingGuard guard = new TrainingGuard(lin.namedParameters(), TrainingGuard.Policy.STOP);
        Tensor x = Tensor.of(new float[] {Float.NaN, 1f}, 1, 2);
        Tensor loss = lin.forward(x).sum();
        loss.backward();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> {
            if (guard.check(7, 0.5f)) adam.step();
        });
        assertEquals(7, e.iteration());
        assertEquals("weight", e.parameterName());
        assertTrue(e.getMessage().contains("iteration 7") && e.getMessage().contains("weight"), e.getMessage());
        assertArrayEquals(before, lin.weight().toFloatArray());
    }

    @Test
    void nonFiniteLossStopsEvenWithFiniteGradients() {
        Linear lin = new Linear(2, 1);
        TrainingGuard guard = new TrainingGuard(lin.namedParameters(), TrainingGuard.Policy.STOP);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.check(3, Float.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("loss is Infinity"), e.getMessage());
    }

    @Test
    void skipPolicySkipsAndCounts() {
        Linear lin = new Linear(2, 1);
        TrainingGuard guard = new TrainingGuard(lin.namedParameters(), TrainingGuard.Policy.SKIP);
        assertFalse(guard.check(1, Float.NaN));
        assertTrue(guard.check(2, 1f));
        assertEquals(1, guard.skipped());
    }
}
