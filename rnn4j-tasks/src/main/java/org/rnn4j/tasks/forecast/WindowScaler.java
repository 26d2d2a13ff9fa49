package org.rnn4j.tasks.forecast;

/**
 * Per-window normalisation (as ES-RNN and DeepAR do): each window's target values are read
 * relative to the window's level ℓ, the mean of its last {@code levelPoints} values (one season),
 * so one network serves every level of the series:
 * <pre>
 *   multiplicative (no training value < 0):  z = (y / ℓ − 1) / σ,   y = ℓ · (1 + σ z)
 *   additive (otherwise):                     z = (y − ℓ) / σ,       y = ℓ + σ z
 * </pre>
 * Scale-free windows let a model trained on small cycles forecast larger ones (sunspots, growing
 * sales); in multiplicative mode ℓ is floored at 5% of the training mean, so windows of zeros
 * stay finite.
 * σ is the root mean square of the unscaled z over the training windows (inputs and targets), and
 * each feature is standardised with its training mean and standard deviation. Everything is fit
 * on the training part only.
 */
public record WindowScaler(boolean multiplicative, double sigma, int levelPoints, double floor, double[] featureMean,
                           double[] featureStd) {
    /** In multiplicative mode a level is at least this share of the training mean. */
    static final double FLOOR_SHARE = 0.05;
    /** At most this many windows are visited to fit σ. */
    static final int FIT_WINDOWS = 4096;

    /** Fits on the training part of {@code series} as {@code plan} splits it. */
    public static WindowScaler fit(Series series, ForecastPlan plan) {
        double[] y = series.target();
        int train = plan.trainPoints();
        boolean nonNegative = true;
        double mean = 0;
        for (int t = 0; t < train; t++) {
            nonNegative &= y[t] >= 0;
            mean += y[t] / train;
        }
        boolean multiplicative = nonNegative && mean > 0;
        int m = Math.max(1, Math.min(plan.season(), plan.lookback()));
        // In multiplicative mode a level never drops below this, so that a window of zeros stays finite.
        double floor = multiplicative ? FLOOR_SHARE * mean : 0;
        WindowScaler unit = new WindowScaler(multiplicative, 1.0, m, floor, new double[0], new double[0]);
        int first = plan.firstTrainOrigin();
        int last = plan.lastValidationOrigin();
        int stride = Math.max(1, (last - first + 1) / FIT_WINDOWS);
        double sum = 0;
        long count = 0;
        for (int o = first; o <= last; o += stride) {
            double level = unit.level(y, o);
            for (int t = o - plan.lookback() + 1; t <= o + plan.horizon(); t++) {
                double z = unit.normalise(y[t], level);
                sum += z * z;
                count++;
            }
        }
        double sigma = Math.sqrt(sum / Math.max(1, count));
        if (!(sigma > 1e-12) || !Double.isFinite(sigma)) sigma = 1.0; // a constant series
        int f = series.features().length;
        double[] means = new double[f];
        double[] std = new double[f];
        for (int j = 0; j < f; j++) {
            double[] x = series.features()[j];
            double s = 0;
            double ss = 0;
            for (int t = 0; t < train; t++) s += x[t];
            means[j] = s / train;
            for (int t = 0; t < train; t++) ss += (x[t] - means[j]) * (x[t] - means[j]);
            std[j] = Math.sqrt(ss / train);
            if (!(std[j] > 1e-12)) std[j] = 1.0;
        }
        return new WindowScaler(multiplicative, sigma, m, floor, means, std);
    }

    /** ℓ for the window ending at {@code origin}: the mean of its last {@link #levelPoints} values. */
    public double level(double[] y, int origin) {
        double s = 0;
        for (int t = origin - levelPoints + 1; t <= origin; t++) s += y[t];
        double level = s / levelPoints;
        return multiplicative ? Math.max(level, floor) : level;
    }

    public double normalise(double value, double level) {
        return (multiplicative ? value / level - 1 : value - level) / sigma;
    }

    public double denormalise(double z, double level) {
        return multiplicative ? level * (1 + sigma * z) : level + sigma * z;
    }

    public double feature(int j, double value) {
        return (value - featureMean[j]) / featureStd[j];
    }
}
