package org.rnn4j.spark.cli;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rnn4j.cli.Checks;
import org.rnn4j.cli.ForecastTrainCommand;
import org.rnn4j.spark.SparkGradients;
import org.rnn4j.spark.SparkSessions;
import org.rnn4j.spark.SparkTraining;
import org.rnn4j.tasks.forecast.ForecastOptions;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.TrainerCheckpointFile;
import org.rnn4j.tasks.forecast.TrainingEngine;
import org.rnn4j.tasks.forecast.TrainingListener;
import picocli.CommandLine;

/**
 * {@code rnn4j spark forecast-train}: {@code rnn4j forecast train} itself (the same flags, checks
 * and outputs: model.safetensors, forecast.csv, the charts, metrics.json) with the Spark flags of
 * {@link SparkFlags} and {@link SparkCheckpointFlags} mixed in, and each batch's gradients computed on Spark
 * ({@link SparkGradients}). The driver keeps the series, the optimizer, the schedule, the
 * validation and the checkpoints.
 */
final class SparkForecastTrain {
    /** The checkpoint's file name in the output directory. */
    static final String CHECKPOINT = "checkpoint.safetensors";

    private SparkForecastTrain() {}

    static CommandLine commandLine() {
        SparkFlags flags = new SparkFlags();
        SparkCheckpointFlags checkpoints = new SparkCheckpointFlags();
        CommandLine[] self = new CommandLine[1];
        CommandLine cl = new CommandLine(new ForecastTrainCommand((series, options, listener, out) -> {
            check(self[0], "--partitions", flags.partitions);
            check(self[0], "--checkpoint-every", checkpoints.checkpointEvery);
            return train(flags, checkpoints, series, options, listener, out);
        }));
        self[0] = cl;
        cl.setCommandName("forecast-train"); // the twin's name is "train": usage hints must name this command
        cl.addMixin("spark", flags);
        cl.addMixin("checkpoints", checkpoints);
        cl.getCommandSpec().usageMessage().description(
                "Train a recurrent forecaster data-parallel on Apache Spark: each batch is split across --partitions tasks "
                        + "whose gradients are summed (treeAggregate); the driver applies Adam, the clip and the schedule. "
                        + "The flags and outputs are those of 'rnn4j forecast train': DIR/model.safetensors, "
                        + "DIR/forecast.csv, DIR/forecast.png, DIR/loss.png and DIR/metrics.json.",
                "With --checkpoint-every N the driver's state goes to DIR/" + CHECKPOINT + " (atomically) and "
                        + "--resume goes on from it.");
        return cl;
    }

    private static void check(CommandLine cl, String option, int value) {
        if (value < 0) Checks.nonNegative(cl.getCommandSpec(), option, value);
    }

    private static ForecastTask.Trained train(SparkFlags flags, SparkCheckpointFlags checkpoints, Series series,
                                              ForecastOptions options, TrainingListener listener, Path out) {
        try (SparkSessions.Handle handle = SparkSessions.attach(flags.master, "rnn4j spark forecast-train")) {
            SparkSession spark = handle.session();
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            TrainingEngine engine = TrainingEngine.local().gradients(SparkGradients.on(sc,
                    SparkTraining.options().partitions(flags.partitions).shipping(flags.shipping)));
            if (checkpoints.checkpointEvery > 0 || checkpoints.resume) {
                engine = engine.checkpoint(new TrainerCheckpointFile(out.resolve(CHECKPOINT)),
                        checkpoints.checkpointEvery, checkpoints.resume);
            }
            return ForecastTask.train(series, options, listener, engine);
        }
    }
}
