package org.rnn4j.tasks.forecast;

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
        int b = origins.length;
        int c = series.channels();
        double[] y = series.target();
        double[][] x = series.features();
        float[] in = new float[b * lookback * c];
        float[] base = new float[b * horizon];
        boolean known = true;
        for (int o : origins) known &= o + horizon < y.length;
        float[] target = known ? new float[b * horizon] : null;
        double[] levels = new double[b];
        for (int i = 0; i < b; i++) {
            int o = origins[i];
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
                if (known) target[i * horizon + h - 1] = (float) scaler.normalise(y[o + h], level);
            }
        }
        return new WindowBatch(origins, levels, Tensor.of(in, b, lookback, c), Tensor.of(base, b, horizon),
                known ? Tensor.of(target, b, horizon) : null);
    }
}
