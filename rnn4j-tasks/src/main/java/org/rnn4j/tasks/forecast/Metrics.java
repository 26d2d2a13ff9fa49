package org.rnn4j.tasks.forecast;

/**
 * Point-forecast errors over every (origin, step) pair whose truth was observed (filled-in values
 * are not scored):
 * <pre>
 *   MAE   = mean |y − ŷ|
 *   RMSE  = sqrt(mean (y − ŷ)²)
 *   sMAPE = mean 200 |y − ŷ| / (|y| + |ŷ|)         (percent, M4; a pair with y = ŷ = 0 counts 0)
 *   MASE  = MAE / mean_{t=S..n−1} |y_t − y_{t−S}|   (M4: scaled by the in-sample seasonal-naive MAE
 *                                                   of the training part)
 * </pre>
 */
public record Metrics(double mae, double rmse, double smape, double mase) {
    /** Scores {@code prediction} against {@code truth} ([origin][step]; NaN truths are skipped). */
    public static Metrics of(double[][] truth, double[][] prediction, double scale) {
        double abs = 0;
        double sq = 0;
        double sm = 0;
        long n = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int h = 0; h < truth[i].length; h++) {
                double y = truth[i][h];
                if (Double.isNaN(y)) continue;
                double e = Math.abs(y - prediction[i][h]);
                abs += e;
                sq += e * e;
                double d = Math.abs(y) + Math.abs(prediction[i][h]);
                sm += d == 0 ? 0 : 200 * e / d;
                n++;
            }
        }
        if (n == 0) return new Metrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double mae = abs / n;
        return new Metrics(mae, Math.sqrt(sq / n), sm / n, mae / scale);
    }

    /**
     * M4's MASE denominator: the mean absolute seasonal difference of the first {@code points}
     * values; with a season as long as the part, or a zero result, the lag-1 difference instead.
     */
    public static double maseScale(double[] y, int points, int season) {
        double s = meanAbsDiff(y, points, season);
        return s > 0 ? s : meanAbsDiff(y, points, 1);
    }

    private static double meanAbsDiff(double[] y, int points, int lag) {
        if (lag >= points) return Double.NaN;
        double sum = 0;
        for (int t = lag; t < points; t++) sum += Math.abs(y[t] - y[t - lag]);
        return sum / (points - lag);
    }
}
