package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void handComputedErrors() {
        double[][] truth = {{10, 20}, {Double.NaN, 0}};
        double[][] pred = {{12, 17}, {999, 0}};
        // scored pairs: (10,12) e=2, (20,17) e=3, (0,0) e=0; the NaN truth is skipped
        Metrics m = Metrics.of(truth, pred, 2.0);
        assertEquals(5.0 / 3, m.mae(), 1e-12);
        assertEquals(Math.sqrt(13.0 / 3), m.rmse(), 1e-12);
        assertEquals((200.0 * 2 / 22 + 200.0 * 3 / 37 + 0) / 3, m.smape(), 1e-12);
        assertEquals(5.0 / 3 / 2.0, m.mase(), 1e-12);
    }

    @Test
    void maseScaleIsTheInSampleSeasonalNaiveMae() {
        double[] y = {1, 2, 3, 5, 4, 9, 100};
        // season 2 over the first 6 points: |3-1|, |5-2|, |4-3|, |9-5| -> mean 2.5 (point 7 is not training)
        assertEquals(2.5, Metrics.maseScale(y, 6, 2), 1e-12);
        // a constant seasonal pattern has zero seasonal error: the lag-1 MAE stands in
        double[] flat = {1, 3, 1, 3, 1, 3};
        assertEquals(2.0, Metrics.maseScale(flat, 6, 2), 1e-12);
    }

    @Test
    void baselinesRepeatTheLastValueAndTheLastSeason() {
        double[] y = {0, 1, 2, 3, 4, 5, 6, 7};
        assertArrayEquals(new double[] {5, 5, 5}, Baselines.naive(y, new int[] {5}, 3)[0], 0);
        // season 3 from origin 5: steps 1..4 repeat y[3], y[4], y[5], then y[3] again
        assertArrayEquals(new double[] {3, 4, 5, 3}, Baselines.seasonalNaive(y, new int[] {5}, 4, 3)[0], 0);
    }
}
