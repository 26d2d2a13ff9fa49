package org.rnn4j.tasks.forecast;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tensor.Tensor;

/**
 * The forecasting task end to end, for any front end (the CLI, a Spark driver, user code):
 * {@link #train} resolves the sizes, fits the scaling on the training part, trains with early
 * stopping, and tests by rolling origins against the baselines; {@link #predict} forecasts past the
 * end of a series with a trained model.
 */
public final class ForecastTask {
    /** What {@link #train} produced. */
    public record Trained(ForecastModel model, ForecastPlan plan, Series series, ForecastTrainer.Result training,
                          Evaluation evaluation, double trainSeconds) {}

    /** A forecast past the end of a series. */
    public record Prediction(List<String> times, double[] values) {}

    private ForecastTask() {}

    /** Resolves the sizes for {@code series}: the season from its training part, then horizon, lookback, split. */
    public static ForecastPlan plan(Series series, ForecastOptions options) {
        int n = series.length();
        int test = options.testSize() > 0 ? options.testSize() : (int) Math.round(0.2 * n);
        int head = Math.max(2, n - test);
        int season = options.season() > 0 ? options.season()
                : Seasonality.detect(series.axis(), java.util.Arrays.copyOf(series.target(), Math.min(n, head)));
        if (options.testSize() >= n) {
            throw new IllegalArgumentException("test size " + options.testSize() + " must be less than the series' "
                    + n + " points");
        }
        return ForecastPlan.of(options, n, season);
    }

    /** Trains a model on {@code series} and tests it; {@code listener} hears each epoch. */
    public static Trained train(Series series, ForecastOptions options, TrainingListener listener) {
        return train(series, options, listener, TrainingEngine.local());
    }

    /**
     * As {@link #train(Series, ForecastOptions, TrainingListener)}, with each batch's gradients
     * computed where {@code engine} says (a Spark cluster, say) and the driver's checkpoints and
     * resume it asks for; the data preparation, the model, the loss, the optimizer and the schedule
     * are the same.
     */
    public static Trained train(Series series, ForecastOptions options, TrainingListener listener,
                                TrainingEngine engine) {
        ForecastPlan plan = plan(series, options);
        WindowScaler scaler = WindowScaler.fit(series, plan);
        Tensor.manualSeed(options.seed());
        RecurrentConfig rnn = RecurrentConfig.of(options.cell(), series.channels(), options.hidden())
                .numLayers(options.layers()).batchFirst(true);
        ForecastNet net = new ForecastNet(rnn, plan.lookback(), plan.horizon());
        ForecastModel model = new ForecastModel(net, scaler, plan.lookback(), plan.horizon(), plan.season(),
                new ModelColumns(series.timeColumn(), series.targetColumn(), series.featureColumns()),
                series.axis().frequency());
        ForecastTrainer trainer = new ForecastTrainer(series, plan, scaler, options);
        long start = System.nanoTime();
        ForecastTrainer.Result training;
        try (BatchGradients gradients = engine.gradients() == null ? trainer.localGradients()
                : engine.gradients().open(model, series)) {
            training = trainer.train(net, listener, gradients, engine);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Trained(model, plan, series, training, Evaluation.run(model, series, plan), seconds);
    }

    /**
     * The next {@code horizon} points after the end of {@code series} (0: the model's horizon).
     *
     * @throws IllegalArgumentException if the horizon exceeds the model's, the series' frequency is
     *     not the model's, or the series is shorter than the lookback
     */
    public static Prediction predict(ForecastModel model, Series series, int horizon) {
        int h = horizon == 0 ? model.horizon() : horizon;
        if (h < 1 || h > model.horizon()) {
            throw new IllegalArgumentException("horizon must be between 1 and the model's " + model.horizon()
                    + " (it forecasts all steps at once), got " + horizon);
        }
        if (!model.frequency().equals(series.axis().frequency())) {
            throw new IllegalArgumentException("the series is " + series.axis().frequency() + " but the model was trained"
                    + " on a " + model.frequency() + " series");
        }
        if (series.length() < model.lookback()) {
            throw new IllegalArgumentException("the series has " + series.length() + " points, fewer than the model's"
                    + " lookback of " + model.lookback());
        }
        int last = series.length() - 1;
        double[] all = model.predict(series, new int[] {last})[0];
        List<String> times = new ArrayList<>();
        for (int k = 1; k <= h; k++) times.add(series.axis().label(last + k));
        return new Prediction(times, java.util.Arrays.copyOf(all, h));
    }
}
