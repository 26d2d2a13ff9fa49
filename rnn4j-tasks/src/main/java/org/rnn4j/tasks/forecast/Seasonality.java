package org.rnn4j.tasks.forecast;

/**
 * The season length S of a series: the one its frequency implies ({@link TimeAxis#seasonFromFrequency()}),
 * else the lag of the strongest peak of the autocorrelation of the linearly detrended series, else 1.
 */
public final class Seasonality {
    /** A peak must reach this autocorrelation to count as a season. */
    static final double MIN_PEAK = 0.3;
    /** Lags beyond this are not searched (nor beyond a third of the series). */
    static final int MAX_LAG = 400;

    private Seasonality() {}

    /** The season for {@code values} on {@code axis}. */
    public static int detect(TimeAxis axis, double[] values) {
        int s = axis.seasonFromFrequency();
        return s > 1 ? s : fromAutocorrelation(values);
    }

    /**
     * The lag k in [2, min(n/3, 400)] of the highest local maximum of the autocorrelation
     * r(k) = Σ e_t e_{t+k} / Σ e_t² of the residuals e of a least-squares line, if r(k) ≥ 0.3; else 1.
     */
    public static int fromAutocorrelation(double[] values) {
        int n = values.length;
        int maxLag = Math.min(n / 3, MAX_LAG);
        if (maxLag < 3) return 1;
        double[] e = detrended(values);
        double denom = 0;
        for (double v : e) denom += v * v;
        if (!(denom > 0)) return 1;
        double[] r = new double[maxLag + 2];
        for (int k = 1; k <= maxLag + 1; k++) {
            double s = 0;
            for (int t = 0; t + k < n; t++) s += e[t] * e[t + k];
            r[k] = s / denom;
        }
        int best = 1;
        double bestR = MIN_PEAK;
        for (int k = 2; k <= maxLag; k++) {
            if (r[k] > r[k - 1] && r[k] >= r[k + 1] && r[k] >= bestR) {
                best = k;
                bestR = r[k];
            }
        }
        return best;
    }

    private static double[] detrended(double[] y) {
        int n = y.length;
        double mt = (n - 1) / 2.0;
        double my = 0;
        for (double v : y) my += v;
        my /= n;
        double sty = 0;
        double stt = 0;
        for (int t = 0; t < n; t++) {
            sty += (t - mt) * (y[t] - my);
            stt += (t - mt) * (t - mt);
        }
        double slope = stt > 0 ? sty / stt : 0;
        double[] e = new double[n];
        for (int t = 0; t < n; t++) e[t] = y[t] - my - slope * (t - mt);
        return e;
    }
}
