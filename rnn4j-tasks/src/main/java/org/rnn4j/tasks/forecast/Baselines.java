package org.rnn4j.tasks.forecast;

/**
 * The forecasts a statistician tries first, from each origin o (the last observed point):
 * naive ŷ_{o+h} = y_o; seasonal naive ŷ_{o+h} = y_{o+h−S⌈h/S⌉} (the last observed season repeated).
 */
public final class Baselines {
    private Baselines() {}

    /** [origin][step] naive forecasts. */
    public static double[][] naive(double[] y, int[] origins, int horizon) {
        return seasonalNaive(y, origins, horizon, 1);
    }

    /** [origin][step] seasonal-naive forecasts with season {@code season}. */
    public static double[][] seasonalNaive(double[] y, int[] origins, int horizon, int season) {
        double[][] out = new double[origins.length][horizon];
        for (int i = 0; i < origins.length; i++) {
            for (int h = 1; h <= horizon; h++) {
                out[i][h - 1] = y[origins[i] + h - season * ((h + season - 1) / season)];
            }
        }
        return out;
    }
}
