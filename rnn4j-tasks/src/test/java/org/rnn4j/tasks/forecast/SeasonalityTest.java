package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalityTest {
    @Test
    void findsTheCycleUnderATrend() {
        double[] y = new double[300];
        Random r = new Random(1);
        for (int t = 0; t < y.length; t++) y[t] = 0.5 * t + 10 * Math.sin(2 * Math.PI * t / 11) + r.nextGaussian();
        assertEquals(11, Seasonality.fromAutocorrelation(y));
    }

    @Test
    void noiseHasNoSeason() {
        double[] y = new double[300];
        Random r = new Random(2);
        for (int t = 0; t < y.length; t++) y[t] = r.nextGaussian();
        assertEquals(1, Seasonality.fromAutocorrelation(y));
        assertEquals(1, Seasonality.fromAutocorrelation(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
    }

    @Test
    void theFrequencyWinsOverTheData() {
        double[] noise = new double[100];
        assertEquals(12, Seasonality.detect(new TimeAxis(TimeAxis.Kind.MONTH, 0, 1, 0, null), noise));
        assertEquals(1, Seasonality.detect(TimeAxis.rows(), noise));
    }
}
