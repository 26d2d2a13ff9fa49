package org.rnn4j.tasks.forecast;

/**
 * The sizes of one forecasting run, resolved from the options and the series, and the
 * chronological split: points {@code [0, trainPoints)} train the model, of which the windows with
 * the last {@code validationWindows} origins pick the best epoch (with a gap of H-1 origins so that
 * no training target lies in a validation window's horizon), and points {@code [trainPoints, n)}
 * are the test. An origin is the index of the last observed point of a window; its forecast covers
 * origin+1 .. origin+H.
 */
public record ForecastPlan(int points, int season, int horizon, int lookback, int testPoints, int validationWindows) {
    /** Validation windows are at most this share of the training windows... */
    static final double VALIDATION_SHARE = 0.15;
    /** ...and at most this many. */
    static final int MAX_VALIDATION = 1024;
    /** Default lookbacks are shortened until at least this many training windows remain. */
    static final int MIN_TRAIN_WINDOWS = 24;

    /** The number of points that train (and validate) the model. */
    public int trainPoints() {
        return points - testPoints;
    }

    /** The first origin of a training window. */
    public int firstTrainOrigin() {
        return lookback - 1;
    }

    /** The first origin of a validation window. */
    public int firstValidationOrigin() {
        return trainPoints() - horizon - validationWindows;
    }

    /** The last origin of a training window (inclusive). */
    public int lastTrainOrigin() {
        return firstValidationOrigin() - horizon;
    }

    /** The last origin whose horizon lies in the training part (inclusive). */
    public int lastValidationOrigin() {
        return trainPoints() - 1 - horizon;
    }

    /** The first test origin: the last training point. */
    public int firstTestOrigin() {
        return trainPoints() - 1;
    }

    /** The last test origin (inclusive): the last one whose horizon fits in the series. */
    public int lastTestOrigin() {
        return points - 1 - horizon;
    }

    public int trainWindows() {
        return lastTrainOrigin() - firstTrainOrigin() + 1;
    }

    public int testOrigins() {
        return lastTestOrigin() - firstTestOrigin() + 1;
    }

    /**
     * Resolves the options against a series of {@code n} points whose training part (the first
     * {@code n - testSize}) has {@code detectedSeason}.
     *
     * @throws IllegalArgumentException naming the sizes when the series is too short for them
     */
    public static ForecastPlan of(ForecastOptions o, int n, int detectedSeason) {
        int season = o.season() > 0 ? o.season() : Math.max(1, detectedSeason);
        int horizon = o.horizon() > 0 ? o.horizon() : defaultHorizon(season);
        int test = o.testSize() > 0 ? o.testSize() : Math.max(horizon, (int) Math.round(0.2 * n));
        if (test < horizon) {
            throw new IllegalArgumentException("the test part (" + test + " points) must hold at least one horizon of "
                    + horizon + " points");
        }
        if (o.lookback() > 0 && o.lookback() < season) {
            throw new IllegalArgumentException("lookback " + o.lookback() + " must be at least the season " + season
                    + " (the model starts from the seasonal-naive forecast)");
        }
        int[] candidates = o.lookback() > 0 ? new int[] {o.lookback()} : defaultLookbacks(season, horizon);
        ForecastPlan plan = null;
        for (int lookback : candidates) {
            plan = split(n, season, horizon, lookback, test);
            if (plan.trainWindows() >= MIN_TRAIN_WINDOWS) return plan;
        }
        if (plan.trainWindows() >= 1) return plan;
        int need = test + plan.lookback() + 2 * horizon + MIN_TRAIN_WINDOWS;
        throw new IllegalArgumentException("the series has " + n + " points, too short for lookback " + plan.lookback()
                + " + horizon " + horizon + " + test " + test + ": it needs at least " + need
                + " (with " + MIN_TRAIN_WINDOWS + " training windows and a validation tail)");
    }

    private static ForecastPlan split(int n, int season, int horizon, int lookback, int test) {
        int windows = n - test - lookback - horizon + 1; // origins whose horizon lies in the training part
        int validation = (int) Math.min(MAX_VALIDATION, Math.max(1, Math.round(VALIDATION_SHARE * windows)));
        return new ForecastPlan(n, season, horizon, lookback, test, validation);
    }

    /** S for 2 <= S <= 24, a quarter season for longer ones (weekly data: 13), else 6. */
    static int defaultHorizon(int season) {
        if (season <= 1) return 6;
        return season <= 24 ? season : (season + 3) / 4;
    }

    /** Three seasons (two for seasons over 24), then fewer; without a season 4H, 2H, H. */
    static int[] defaultLookbacks(int season, int horizon) {
        if (season <= 1) return new int[] {Math.max(4 * horizon, 12), 2 * horizon, horizon};
        return season <= 24 ? new int[] {3 * season, 2 * season, season} : new int[] {2 * season, season};
    }
}
