package org.rnn4j.spark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.rnn4j.cli.Checks;
import org.rnn4j.spark.ForecastScorer;
import org.rnn4j.spark.ModelFile;
import org.rnn4j.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j spark predict}: scores every sequence of a CSV or Parquet input with a forecast model. */
@Command(
        name = "predict",
        sortOptions = false,
        description = {
            "Score every row of a CSV or Parquet input with a forecast model, in parallel: each row holds a sequence "
                    + "(the history of the model's target column, and of each feature column it reads), and is written "
                    + "back to DIR with a prediction column, the next H points after the sequence's end.",
            "Parquet: sequences are arrays of numbers, the prediction an array of doubles. CSV (which has no arrays): "
                    + "numbers separated by ';' or blanks in one cell, and so is the prediction. A row that cannot be "
                    + "scored (empty, unparsable, shorter than the lookback) gets an empty prediction."
        })
public final class SparkPredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] runs an embedded session (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "The model: a model.safetensors written by forecast train or spark forecast-train.")
    Path model;

    @Option(names = "--input", paramLabel = "FILE", required = true,
            description = "The sequences: a .csv file (with a header row) or a .parquet file, or a directory of them.")
    String input;

    @Option(names = "--format", paramLabel = "csv|parquet",
            description = "The input's format (default: from the --input name).")
    String format;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory, in the input's format (Spark writes one part file per partition); replaced "
                    + "if it holds an earlier Spark output. Like --input, a local path or a URI Spark reads "
                    + "(hdfs://, s3a://, ...).")
    String out;

    @Option(names = "--column", paramLabel = "NAME",
            description = "The column with the target's history (default: the model's target column name).")
    String column;

    @Option(names = "--prediction-column", paramLabel = "NAME", defaultValue = "prediction",
            description = "The new column (default: ${DEFAULT-VALUE}).")
    String predictionColumn;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "512",
            description = "Sequences per forward (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
            description = "Repartition the input into P parts first (default: as read, but at least the default "
                    + "parallelism).")
    int partitions;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        Checks.positive(spec, "--batch", batch);
        Checks.nonNegative(spec, "--partitions", partitions);
        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : formatOf(input);
        if (!fmt.equals("csv") && !fmt.equals("parquet")) {
            throw Checks.invalid(spec, "--format", "csv or parquet", fmt);
        }
        if (!Files.isRegularFile(model)) {
            throw Checks.usage(spec, "Invalid value for option '--model': expected a model file but '" + model
                    + "' is not a readable file");
        }
        checkOut();
        ModelFile file = ModelFile.read(model);
        PrintWriter stdout = spec.commandLine().getOut();
        try (SparkSessions.Handle handle = SparkSessions.attach(master, "rnn4j spark predict")) {
            SparkSession spark = handle.session();
            Dataset<Row> rows = fmt.equals("csv") ? spark.read().option("header", "true").csv(input)
                    : spark.read().parquet(input);
            int parallelism = spark.sparkContext().defaultParallelism();
            int parts = partitions > 0 ? partitions : Math.max(parallelism, rows.rdd().getNumPartitions());
            if (parts != rows.rdd().getNumPartitions()) rows = rows.repartition(parts);
            ForecastScorer.Scored scored;
            try {
                scored = ForecastScorer.score(rows, file, ForecastScorer.Options.defaults().sequenceColumn(column)
                        .predictionColumn(predictionColumn).batchSize(batch));
            } catch (IllegalArgumentException e) {
                throw Checks.usage(spec, input + ": " + e.getMessage());
            } catch (IOException e) {
                throw Checks.usage(spec, "Invalid value for option '--model': " + e.getMessage());
            }
            Dataset<Row> result = scored.rows();
            long begin = System.nanoTime(); // the write runs everything: reading, scoring, writing
            if (fmt.equals("csv")) { // CSV has no arrays: "v1;v2;...", as the sequences are written
                Column p = functions.col(predictionColumn);
                result = result.withColumn(predictionColumn, functions.array_join(p.cast("array<string>"), ";"));
                result.write().mode(SaveMode.Overwrite).option("header", "true").csv(out);
            } else {
                result.write().mode(SaveMode.Overwrite).parquet(out);
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            long n = scored.scored().value();
            stdout.println(String.format(Locale.ROOT, "scored %d sequences of %s, %d without a prediction, and wrote %s"
                    + " in %.1f s (%.0f sequences/s; %.1f s in all)", n, input, scored.unscored().value(), out, seconds,
                    n / seconds, (System.nanoTime() - start) / 1e9));
        }
        stdout.flush();
        return 0;
    }

    /**
     * A local output directory must be absent, empty, or an earlier Spark output (which is
     * replaced); a URI (hdfs://, s3a://) is left to Spark.
     */
    private void checkOut() throws IOException {
        if (out.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !out.startsWith("file:")) return;
        Path dir = Path.of(out.replaceFirst("^file:(//)?", ""));
        if (!Files.exists(dir)) return;
        if (!Files.isDirectory(dir)) {
            throw Checks.usage(spec, "Invalid value for option '--out': expected a directory but '" + out + "' is a file");
        }
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent() && !Files.exists(dir.resolve("_SUCCESS"))) {
                throw Checks.usage(spec, "Invalid value for option '--out': '" + out + "' holds files that Spark did not "
                        + "write (no _SUCCESS); choose an empty or new directory");
            }
        }
    }

    private String formatOf(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (n.endsWith(".csv")) return "csv";
        if (n.endsWith(".parquet")) return "parquet";
        throw Checks.usage(spec, "Invalid value for option '--input': cannot tell the format of '" + name
                + "' (a .csv or .parquet name); give --format csv|parquet");
    }
}
