package org.rnn4j.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.examples.SineForecaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j sine}: trains the tutorial's sine-wave forecaster and writes its forecast. */
@Command(
        name = "sine",
        sortOptions = false,
        description = {
            "Train the tutorial's sine-wave forecaster (an RNN with a Linear head, Adam, MSE) and forecast a "
                    + "fresh window autoregressively.",
            "Writes DIR/sine.png (the chart), DIR/predictions.csv (t,truth,prediction) and DIR/metrics.json."
        })
public final class SineCommand implements Callable<Integer> {
    /** How the forecast starts. */
    public enum Mode { tutorial, warmup }

    @Spec
    CommandSpec spec;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "6000",
            description = "Training iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Random seed for the weights and the data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cell", paramLabel = "rnn|lstm|gru", defaultValue = "rnn",
            description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
    Cell cell;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "16",
            description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "2",
            description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3",
            description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--mode", paramLabel = "tutorial|warmup", defaultValue = "warmup",
            description = {"How the forecast starts (default: ${DEFAULT-VALUE}):",
                "tutorial: a free run from the first true point and the carried hidden state, as the tutorial;",
                "warmup: the state is first warmed up on the first true points."})
    Mode mode;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/sine",
            description = "Output directory, created if needed (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Checks.positive(spec, "--iterations", iterations);
        Checks.positive(spec, "--hidden", hidden);
        Checks.positive(spec, "--layers", layers);
        Checks.finitePositive(spec, "--lr", lr);
        Path dir = Checks.writableDirectory(spec, "--out", out);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();

        SineForecaster.Config config = new SineForecaster.Config(iterations, seed, cell.name(), hidden, layers, lr,
                mode == Mode.tutorial ? SineForecaster.Mode.TUTORIAL : SineForecaster.Mode.WARMUP);
        SineForecaster forecaster = new SineForecaster(config);

        float loss = Float.NaN;
        long start;
        long end;
        try (Progress progress = Progress.create("sine", iterations, stderr)) {
            start = System.nanoTime();
            for (int i = 1; i <= iterations; i++) {
                loss = forecaster.trainStep();
                if (!Float.isFinite(loss)) {
                    throw new IllegalStateException("training diverged: the loss is " + loss + " at iteration " + i
                            + " (try a smaller --lr)");
                }
                progress.update(i, loss);
            }
            end = System.nanoTime();
        }
        double trainSeconds = (end - start) / 1e9;
        SineForecaster.Forecast forecast = forecaster.forecast();

        Map<String, Object> metrics = metrics(loss, forecast, trainSeconds);
        List<Path> written;
        try (AtomicOutput files = new AtomicOutput(dir)) {
            files.stage("predictions.csv", o -> writeCsv(forecast, o));
            files.stage("metrics.json", o -> {
                Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
                new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(metrics, w);
                w.write('\n');
                w.flush();
            });
            files.stage("sine.png", SineChart.png(forecast, title(forecaster, forecast)));
            written = files.commit();
        }

        stdout.printf(Locale.ROOT, "final loss %.6f, forecast MSE %.6f (%s mode, %d of %d points forecast)%n",
                loss, forecast.mse(), mode, forecast.time().length - forecast.warmupPoints(), forecast.time().length);
        stdout.printf(Locale.ROOT, "%d iterations in %.2f s: %.3f ms/iteration (Java %s)%n", iterations,
                trainSeconds, 1e3 * trainSeconds / iterations, Runtime.version());
        stdout.println("wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
        stdout.flush();
        return 0;
    }

    private Map<String, Object> metrics(float loss, SineForecaster.Forecast forecast, double trainSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iterations", iterations);
        m.put("final_loss", (double) loss);
        m.put("autoregressive_mse", forecast.mse());
        m.put("ms_per_iteration", 1e3 * trainSeconds / iterations);
        m.put("train_seconds", trainSeconds);
        m.put("seed", seed);
        m.put("cell", cell.name());
        m.put("hidden", hidden);
        m.put("layers", layers);
        m.put("lr", lr);
        m.put("mode", mode.name());
        m.put("points", forecast.time().length);
        m.put("warmup_points", forecast.warmupPoints());
        m.put("jdk", Runtime.version().toString());
        m.put("jdk_vendor", System.getProperty("java.vendor"));
        m.put("vector_api", Main.vectorApiLoaded());
        m.put("rnn4j", Main.version());
        return m;
    }

    private String title(SineForecaster forecaster, SineForecaster.Forecast f) {
        return String.format(Locale.ROOT, "%s, %d iterations: forecast MSE %.5f", forecaster.net().recurrent(),
                iterations, f.mse());
    }

    /** {@code t,truth,prediction}, one row per point; the prediction is empty where the truth was given. */
    static void writeCsv(SineForecaster.Forecast f, java.io.OutputStream o) throws IOException {
        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("t,truth,prediction\n");
        for (int i = 0; i < f.time().length; i++) {
            sb.append(f.time()[i]).append(',').append(f.truth()[i]).append(',');
            if (i >= f.warmupPoints() && i < f.prediction().length && !Float.isNaN(f.prediction()[i])) {
                sb.append(f.prediction()[i]);
            }
            sb.append('\n');
        }
        w.write(sb.toString());
        w.flush();
    }
}
