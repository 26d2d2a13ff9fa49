package org.rnn4j.spark.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tasks.forecast.ForecastModel;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.forecast.ForecastOptions;
import org.rnn4j.tasks.forecast.ForecastPlan;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.ModelColumns;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.TimeAxis;
import org.rnn4j.tasks.forecast.WindowScaler;
import org.rnn4j.tensor.Tensor;

/** The benchmark's data: a seasonal series with a trend and noise, and a model of chosen size for it. */
final class Synthetic {
    private Synthetic() {}

    /** {@code n} points: a level growing from 100, a season of 24 scaled by it, Gaussian noise. */
    static Series series(int n, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = (100 + 0.05 * t) * (1 + 0.2 * Math.sin(2 * Math.PI * t / 24)) + r.nextGaussian();
        }
        boolean[] observed = new boolean[n];
        Arrays.fill(observed, true);
        return new Series("synthetic", null, "y", List.of(), TimeAxis.rows(), y, new double[0][], observed, 0, 0);
    }

    /** The options of the benchmark's model: season 24, horizon 24, the given lookback, cell and size. */
    static ForecastOptions options(CellType cell, int hidden, int layers, int lookback, int batch) {
        return ForecastOptions.options().season(24).horizon(24).lookback(lookback).cell(cell).hidden(hidden)
                .layers(layers).batchSize(batch);
    }

    /** A model for {@code series} with weights from {@code seed} (untrained: speed does not depend on training). */
    static ForecastModel model(Series series, ForecastOptions o, long seed) {
        ForecastPlan plan = ForecastTask.plan(series, o);
        WindowScaler scaler = WindowScaler.fit(series, plan);
        Tensor.manualSeed(seed);
        ForecastNet net = new ForecastNet(RecurrentConfig.of(o.cell(), series.channels(), o.hidden())
                .numLayers(o.layers()), plan.lookback(), plan.horizon());
        return new ForecastModel(net, scaler, plan.lookback(), plan.horizon(), plan.season(),
                new ModelColumns(null, series.targetColumn(), series.featureColumns()), "rows");
    }
}
