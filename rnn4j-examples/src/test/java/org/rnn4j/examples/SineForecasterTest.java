package org.rnn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forecast quality bar of the foundation issue (median autoregressive MSE over seeds 0 to 4
 * at most 0.005 for every cell; the tutorial's own procedure gives 0.039 in PyTorch) is measured
 * over all 15 runs by {@code tools/sine_quality.sh}; the suite runs the default training of seed
 * 0 for each cell, which must meet the bar on its own (README: 0.0018, 0.0027, 0.00013).
 */
class SineForecasterTest {
    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void defaultForecastMeetsTheQualityBar(String cell) {
        SineForecaster f = new SineForecaster(
                new SineForecaster.Config(6000, 0, cell, 16, 2, 1e-3, SineForecaster.Mode.WARMUP));
        for (int i = 0; i < 6000; i++) f.trainStep();
        assertEquals(6000, f.iteration());
        SineForecaster.Forecast fc = f.forecast();
        assertEquals(SineForecaster.WARMUP, fc.warmupPoints());
        assertTrue(fc.mse() <= 0.005, cell + ": forecast MSE " + fc.mse() + " of seed 0 exceeds 0.005");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn"})
    void sameSeedSameLosses(String cell) {
        float[] a = losses(cell);
        float[] b = losses(cell);
        assertTrue(Arrays.equals(a, b), "losses differ between two runs with seed 3");
    }

    private static float[] losses(String cell) {
        SineForecaster f = new SineForecaster(new SineForecaster.Config(50, 3, cell, 16, 2, 1e-3,
                SineForecaster.Mode.WARMUP));
        float[] l = new float[50];
        for (int i = 0; i < l.length; i++) l[i] = f.trainStep();
        return l;
    }

    @org.junit.jupiter.api.Test
    void divergenceStopsNamingTheIteration() {
        SineForecaster f = new SineForecaster(new SineForecaster.Config(100, 0, "rnn", 16, 2, 1e30,
                SineForecaster.Mode.TUTORIAL));
        org.rnn4j.optim.TrainingDivergedException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.rnn4j.optim.TrainingDivergedException.class, () -> {
                    for (int i = 0; i < 100; i++) f.trainStep();
                });
        assertTrue(e.getMessage().contains("iteration " + e.iteration()), e.getMessage());
        for (org.rnn4j.tensor.Tensor p : f.net().parameters()) {
            for (float v : p.toFloatArray()) assertTrue(Float.isFinite(v), "a weight became non-finite");
        }
    }
}
