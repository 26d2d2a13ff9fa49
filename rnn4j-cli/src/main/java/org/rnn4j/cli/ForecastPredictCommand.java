package org.rnn4j.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnn4j.tasks.forecast.ForecastModel;
import org.rnn4j.tasks.forecast.ForecastModelFile;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.Series;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j forecast predict}: the next H points after a series, from a trained model file. */
@Command(
        name = "predict",
        sortOptions = false,
        description = {
            "Forecast the next H points after the end of a CSV series with a model written by 'forecast train' "
                    + "(the file names its columns, window sizes and scaling).",
            "Prints (or writes to --out) CSV: step,time,prediction."
        })
public final class ForecastPredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model.safetensors from 'forecast train'.")
    Path modelFile;

    @Option(names = "--csv", paramLabel = "FILE", required = true,
            description = "The series to continue, with the model's columns.")
    Path csv;

    @Option(names = "--horizon", paramLabel = "H", defaultValue = "0",
            description = "Points to forecast, at most the model's horizon (default: the model's).")
    int horizon;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Checks.nonNegative(spec, "--horizon", horizon);
        if (!Files.isRegularFile(modelFile)) {
            throw Checks.usage(spec, "Invalid value for option '--model': '" + modelFile + "' is not a readable file");
        }
        ForecastModel model;
        try {
            model = ForecastModelFile.load(modelFile);
        } catch (IOException | IllegalArgumentException e) {
            throw Checks.usage(spec, "Invalid value for option '--model': " + Main.describe(e));
        }
        if (horizon > model.horizon()) {
            throw Checks.invalid(spec, "--horizon", "at most the model's horizon " + model.horizon(),
                    String.valueOf(horizon));
        }
        Series series = SeriesInput.read(spec, "--csv", csv, model.columns().spec());
        ForecastTask.Prediction p;
        try {
            p = ForecastTask.predict(model, series, horizon);
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, csv + ": " + e.getMessage());
        }
        StringBuilder sb = new StringBuilder("step,time,prediction\n");
        for (int k = 0; k < p.values().length; k++) {
            sb.append(k + 1).append(',').append(p.times().get(k)).append(',')
                    .append(ForecastReport.number(p.values()[k])).append('\n');
        }
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(sb);
            stdout.flush();
        } else {
            Path parent = out.toAbsolutePath().getParent();
            Checks.writableDirectory(spec, "--out", parent);
            try (AtomicOutput files = new AtomicOutput(parent)) {
                files.stage(out.getFileName().toString(), o -> {
                    Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
                    w.write(sb.toString());
                    w.flush();
                });
                files.commit();
            }
        }
        return 0;
    }
}
