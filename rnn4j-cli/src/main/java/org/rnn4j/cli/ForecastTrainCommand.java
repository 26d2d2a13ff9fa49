package org.rnn4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnn4j.nn.CellType;
import org.rnn4j.tasks.forecast.ForecastModelFile;
import org.rnn4j.tasks.forecast.ForecastOptions;
import org.rnn4j.tasks.forecast.ForecastPlan;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.Metrics;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.SeriesSpec;
import org.rnn4j.tasks.forecast.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j forecast train}: trains a forecaster on a CSV series, tests it, writes the outputs. */
@Command(
        name = "train",
        sortOptions = false,
        description = {
            "Train a recurrent forecaster on a CSV series (all but the last --test-size points), test it by rolling "
                    + "origins against naive and seasonal naive, and write DIR/model.safetensors, DIR/forecast.csv "
                    + "(origin,step,time,truth,prediction), DIR/forecast.png, DIR/loss.png and DIR/metrics.json.",
            "Gaps (skipped times, empty cells) are filled by linear interpolation and not scored."
        })
public final class ForecastTrainCommand implements Callable<Integer> {
    /**
     * What trains the model once the series and the options are checked: {@link ForecastTask#train}
     * in this JVM by default; {@code rnn4j spark forecast-train} passes a Spark cluster's, so that
     * both commands read, check and write the same.
     */
    @FunctionalInterface
    public interface Trainer {
        /** @param out the output directory (checkpoints may go there) */
        ForecastTask.Trained train(Series series, ForecastOptions options, TrainingListener listener, Path out)
                throws IOException;
    }

    @Spec
    CommandSpec spec;

    private final Trainer trainer;

    /** Trains in this JVM. */
    public ForecastTrainCommand() {
        this((series, options, listener, out) -> ForecastTask.train(series, options, listener));
    }

    /** Trains with {@code trainer}. */
    public ForecastTrainCommand(Trainer trainer) {
        this.trainer = trainer;
    }

    @Option(names = "--csv", paramLabel = "FILE", required = true, description = "The series: a CSV file with a header row.")
    Path csv;

    @Option(names = "--target", paramLabel = "COL", required = true, description = "The column to forecast.")
    String target;

    @Option(names = "--time", paramLabel = "COL",
            description = "The time column: integers, ISO dates, months (yyyy-MM) or date-times "
                    + "(default: the first column unless it is the target or a feature; else the row order).")
    String time;

    @Option(names = "--features", paramLabel = "COL,COL", split = ",",
            description = "Further numeric columns the model reads in its lookback window.")
    List<String> features = List.of();

    @Option(names = "--horizon", paramLabel = "H", defaultValue = "0",
            description = "Steps forecast at once (default: from the season: S up to 24, S/4 beyond, 6 without one).")
    int horizon;

    @Option(names = "--lookback", paramLabel = "N", defaultValue = "0",
            description = "Points the encoder reads (default: 3 seasons, 2 for seasons over 24, 4H without a season; "
                    + "fewer for short series).")
    int lookback;

    @Option(names = "--season", paramLabel = "S", defaultValue = "0",
            description = "Season length (default: from the frequency: hourly 24, daily 7, weekly 52, monthly 12, "
                    + "quarterly 4; else from the autocorrelation).")
    int season;

    @Option(names = "--test-size", paramLabel = "N", defaultValue = "0",
            description = "Points held out at the end for the test (default: 20%% of the series).")
    int testSize;

    @Option(names = "--cell", paramLabel = "lstm|gru|rnn", defaultValue = "lstm",
            description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
    Cell cell;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "32", description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "1", description = "Stacked layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "60",
            description = "Most epochs; training stops early when validation stops improving (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/forecast",
            description = "Output directory, created if needed (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        Checks.nonNegative(spec, "--horizon", horizon);
        Checks.nonNegative(spec, "--lookback", lookback);
        Checks.nonNegative(spec, "--season", season);
        Checks.nonNegative(spec, "--test-size", testSize);
        Checks.positive(spec, "--hidden", hidden);
        Checks.positive(spec, "--layers", layers);
        Checks.positive(spec, "--epochs", epochs);
        SeriesSpec columns;
        try {
            columns = new SeriesSpec(time, target, features);
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, e.getMessage().replaceFirst("^SeriesSpec: ", ""));
        }
        Series series = SeriesInput.read(spec, "--csv", csv, columns);
        ForecastOptions options = ForecastOptions.options().horizon(horizon).lookback(lookback).season(season)
                .testSize(testSize).cell(CellType.valueOf(cell.name().toUpperCase(Locale.ROOT))).hidden(hidden)
                .layers(layers).epochs(epochs).seed(seed);
        ForecastPlan plan;
        try {
            plan = ForecastTask.plan(series, options);
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, csv + ": " + e.getMessage());
        }
        Path dir = Checks.writableDirectory(spec, "--out", out); // only once the series is known to be good
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(ForecastReport.describe(series, plan));
        stdout.flush();

        ForecastTask.Trained trained;
        try (Progress progress = Progress.create("forecast", epochs, "epoch", spec.commandLine().getErr())) {
            trained = trainer.train(series, options, r -> progress.update(r.epoch(), String.format(Locale.ROOT,
                    "train %.4f, val %.4f, best epoch %d", r.trainLoss(), r.validationLoss(), r.bestEpoch())), dir);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Path> written;
        try (AtomicOutput files = new AtomicOutput(dir)) {
            files.stage("model.safetensors", o -> writeModel(dir, trained, o));
            files.stage("forecast.csv", o -> ForecastReport.writeCsv(trained, o));
            files.stage("metrics.json", o -> ForecastReport.writeMetrics(trained, seconds, seed, o));
            files.stage("forecast.png", ForecastChart.png(trained));
            files.stage("loss.png", LossChart.png(trained.training(), "Training loss, " + series.targetColumn()));
            written = files.commit();
        }
        stdout.println("wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
        stdout.println(verdict(trained, seconds));
        stdout.flush();
        return 0;
    }

    /** Through a temporary file beside the outputs: the model file writer wants a path. */
    private static void writeModel(Path dir, ForecastTask.Trained trained, OutputStream o) throws IOException {
        Path tmp = Files.createTempFile(dir, ".model-", ".tmp");
        try {
            ForecastModelFile.save(tmp, trained.model());
            Files.copy(tmp, o);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String verdict(ForecastTask.Trained t, double seconds) {
        Metrics m = t.evaluation().scores().model();
        Metrics s = t.evaluation().scores().seasonalNaive();
        double change = 100 * (m.mase() / s.mase() - 1);
        String compare = Double.isFinite(change) ? String.format(Locale.ROOT, "%.0f%% %s seasonal naive's %.3f",
                Math.abs(change), change <= 0 ? "below" : "above", s.mase()) : "seasonal naive's is " + s.mase();
        return String.format(Locale.ROOT, "test MASE %.3f: %s (%d origins, best epoch %d of %d, %.1f s)", m.mase(),
                compare, t.evaluation().origins().length, t.training().bestEpoch(), t.training().epochs(), seconds);
    }
}
