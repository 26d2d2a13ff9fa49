package org.rnn4j.tasks.forecast;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.tensor.Tensor;

/**
 * A trained forecaster with everything needed to use it on a series: the net, the scaling, the
 * window sizes and the columns. {@link ForecastModelFile} saves and loads it.
 *
 * @param frequency the training series' frequency name (informative)
 */
public record ForecastModel(ForecastNet net, WindowScaler scaler, int lookback, int horizon, int season,
                            ModelColumns columns, String frequency) {
    /** Origins predicted per batch. */
    static final int BATCH = 512;

    /** [origin][step] forecasts, in the series' units, from the windows ending at {@code origins}. */
    public double[][] predict(Series series, int[] origins) {
        if (series.channels() != net.config().inputSize()) {
            throw new IllegalArgumentException("the series has " + series.channels() + " channels (target and features),"
                    + " the model expects " + net.config().inputSize());
        }
        double[][] out = new double[origins.length][];
        net.eval();
        try (var off = GradMode.noGrad()) {
            for (int from = 0; from < origins.length; from += BATCH) {
                int[] chosen = Arrays.copyOfRange(origins, from, Math.min(origins.length, from + BATCH));
                forecast(WindowBatch.of(series, scaler, lookback, horizon, season, chosen), out, from);
            }
        }
        return out;
    }

    /**
     * [sequence][step] forecasts, in the sequences' units, of the next {@link #horizon} points after
     * the end of each of several sequences, in one batched forward (batch inference: a Spark
     * partition's rows). Sequence i is the target history {@code targets.get(i)} and its feature
     * histories {@code features.get(i)} ([feature][point]); each forecast equals, bit for bit, what
     * {@link #predict} gives for a series of that history at its last origin (each row of a batched
     * forward is computed alone).
     *
     * @throws IllegalArgumentException naming the sequence when a history is shorter than the
     *     lookback or its features do not match the model's
     */
    public double[][] predictLast(List<double[]> targets, List<double[][]> features) {
        double[][] out = new double[targets.size()][];
        net.eval();
        try (var off = GradMode.noGrad()) {
            forecast(WindowBatch.ofLast(targets, features, scaler, lookback, horizon, season), out, 0);
        }
        return out;
    }

    /** Runs the net on {@code w} and writes its forecasts, denormalised, to {@code out[from..]}. */
    private void forecast(WindowBatch w, double[][] out, int from) {
        Tensor z = net.forward(w.input(), w.base());
        float[] v = z.contiguous().toFloatArray();
        for (int i = 0; i < w.origins().length; i++) {
            double[] row = new double[horizon];
            for (int h = 0; h < horizon; h++) row[h] = scaler.denormalise(v[i * horizon + h], w.levels()[i]);
            out[from + i] = row;
        }
    }
}
