package org.rnn4j.tasks.forecast;

import java.util.List;
import org.rnn4j.tensor.Tensor;

/**
 * The windows of a batch of origins as tensors: {@code input} [B, L, C] (channel 0 the normalised
 * target, then the standardised features), {@code base} [B, H] the seasonal-naive forecast in the
 * same normalised units (step h repeats the value one season before: y[o + h − S·⌈h/S⌉]), and
 * {@code target} [B, H] the normalised truth where it is known (null past the series' end).
 */
public record WindowBatch(int[] origins, double[] levels, Tensor input, Tensor base, Tensor target) {
    /** The windows ending at {@code origins}; targets only when every horizon lies in the series. */
    public static WindowBatch of(Series series, WindowScaler scaler, int lookback, int horizon, int season,
                                 int[] origins) {
        double[] y = series.target();
        boolean known = true;
        for (int o : origins) known &= o + horizon < y.length;
        Filler f = new Filler(scaler, lookback, horizon, season, series.channels(), origins.length, known);
        for (int i = 0; i < origins.length; i++) f.window(i, y, series.features(), origins[i]);
        return f.batch(origins);
    }

    /**
     * The last window of each of several sequences, as batch inference scores them: sequence i has
     * the target history {@code targets.get(i)} (at least {@code lookback} points, its last point the
     * origin) and the feature histories {@code features.get(i)} ([feature][point], as long as the
     * target's); the targets are null (the horizons lie past the ends). Row i is exactly the row that
     * {@link #of} builds for a series of that history at its last origin.
     *
     * @throws IllegalArgumentException naming the sequence when a history is too short or the
     *     features do not match
     */
    public static WindowBatch ofLast(List<double[]> targets, List<double[][]> features, WindowScaler scaler,
                                     int lookback, int horizon, int season) {
        int b = targets.size();
        if (features.size() != b) {
            throw new IllegalArgumentException("ofLast: " + b + " target histories but " + features.size()
                    + " feature sets");
        }
        int channels = 1 + scaler.featureMean().length;
        int[] origins = new int[b];
        Filler f = new Filler(scaler, lookback, horizon, season, channels, b, false);
        for (int i = 0; i < b; i++) {
            double[] y = targets.get(i);
            double[][] x = features.get(i);
            if (y.length < lookback) {
                throw new IllegalArgumentException("sequence " + i + " has " + y.length + " points, fewer than the"
                        + " lookback of " + lookback);
            }
            if (x.length != channels - 1) {
                throw new IllegalArgumentException("sequence " + i + " has " + x.length + " feature histories, the"
                        + " model expects " + (channels - 1));
            }
            for (int j = 0; j < x.length; j++) {
                if (x[j].length != y.length) {
                    throw new IllegalArgumentException("sequence " + i + ": feature " + j + " has " + x[j].length
                            + " points, the target " + y.length);
                }
            }
            origins[i] = y.length - 1;
            f.window(i, y, x, origins[i]);
        }
        return f.batch(origins);
    }

    /** Writes windows into the batch's arrays, one row at a time. */
    private static final class Filler {
        private final WindowScaler scaler;
        private final int lookback;
        private final int horizon;
        private final int season;
        private final int c;
        private final float[] in;
        private final float[] base;
        private final float[] target;
        private final double[] levels;

        Filler(WindowScaler scaler, int lookback, int horizon, int season, int channels, int b, boolean known) {
            this.scaler = scaler;
            this.lookback = lookback;
            this.horizon = horizon;
            this.season = season;
            this.c = channels;
            this.in = new float[b * lookback * channels];
            this.base = new float[b * horizon];
            this.target = known ? new float[b * horizon] : null;
            this.levels = new double[b];
        }

        /** Row {@code i}: the window of {@code y} and {@code x} ([feature][point]) ending at {@code o}. */
        void window(int i, double[] y, double[][] x, int o) {
            double level = scaler.level(y, o);
            levels[i] = level;
            int start = o - lookback + 1;
            for (int t = 0; t < lookback; t++) {
                int at = (i * lookback + t) * c;
                in[at] = (float) scaler.normalise(y[start + t], level);
                for (int j = 0; j < x.length; j++) in[at + 1 + j] = (float) scaler.feature(j, x[j][start + t]);
            }
            for (int h = 1; h <= horizon; h++) {
                int back = season * ((h + season - 1) / season);
                base[i * horizon + h - 1] = (float) scaler.normalise(y[o + h - back], level);
                if (target != null) target[i * horizon + h - 1] = (float) scaler.normalise(y[o + h], level);
            }
        }

        WindowBatch batch(int[] origins) {
            int b = origins.length;
            return new WindowBatch(origins, levels, Tensor.of(in, b, lookback, c), Tensor.of(base, b, horizon),
                    target != null ? Tensor.of(target, b, horizon) : null);
        }
    }
}
