package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowScalerTest {
    static Series series(double[] y) {
        boolean[] observed = new boolean[y.length];
        java.util.Arrays.fill(observed, true);
        return new Series("s", null, "y", List.of(), TimeAxis.rows(), y, new double[0][], observed, 0, 0);
    }

    static double[] seasonal(int n, double offset) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) y[t] = offset + 0.1 * t + 5 * Math.sin(2 * Math.PI * t / 12);
        return y;
    }

    @Test
    void modeFollowsTheSignOfTheTrainingPart() {
        ForecastPlan plan = ForecastPlan.of(ForecastOptions.options(), 200, 12);
        assertTrue(WindowScaler.fit(series(seasonal(200, 50)), plan).multiplicative());
        assertFalse(WindowScaler.fit(series(seasonal(200, 0)), plan).multiplicative());
    }

    @Test
    void roundTripsAndLevelIsTheLastSeasonsMean() {
        double[] y = seasonal(200, 50);
        ForecastPlan plan = ForecastPlan.of(ForecastOptions.options(), 200, 12);
        WindowScaler s = WindowScaler.fit(series(y), plan);
        double level = s.level(y, 40);
        double mean = 0;
        for (int t = 29; t <= 40; t++) mean += y[t] / 12;
        assertEquals(mean, level, 1e-12);
        for (double v : new double[] {-3, 0, 17.5, 1e4}) assertEquals(v, s.denormalise(s.normalise(v, level), level), 1e-9);
    }

    @Test
    void fitSeesOnlyTheTrainingPart() {
        double[] y = seasonal(200, 50);
        ForecastPlan plan = ForecastPlan.of(ForecastOptions.options(), 200, 12);
        WindowScaler before = WindowScaler.fit(series(y), plan);
        for (int t = plan.trainPoints(); t < y.length; t++) y[t] = -1000 * t; // wreck the test part
        WindowScaler after = WindowScaler.fit(series(y), plan);
        assertEquals(before.multiplicative(), after.multiplicative());
        assertEquals(before.sigma(), after.sigma(), 0);
        assertEquals(before.floor(), after.floor(), 0);
    }

    @Test
    void windowBatchCarriesSeasonalNaiveInNormalisedUnits() {
        double[] y = seasonal(200, 50);
        ForecastPlan plan = ForecastPlan.of(ForecastOptions.options(), 200, 12);
        WindowScaler s = WindowScaler.fit(series(y), plan);
        WindowBatch b = WindowBatch.of(series(y), s, 36, 12, 12, new int[] {60, 199});
        assertEquals(List.of(2, 36, 1), java.util.Arrays.stream(b.input().shape()).boxed().toList());
        assertEquals(null, b.target(), "no targets past the end of the series");
        double level = s.level(y, 60);
        for (int h = 1; h <= 12; h++) {
            assertEquals(y[60 + h - 12], s.denormalise(b.base().get(0, h - 1), level), 1e-3);
        }
        assertEquals(y[60], s.denormalise(b.input().get(0, 35, 0), level), 1e-3);
    }
}
