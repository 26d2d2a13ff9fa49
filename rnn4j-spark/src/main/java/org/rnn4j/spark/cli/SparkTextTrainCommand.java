package org.rnn4j.spark.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.cli.Checks;
import org.rnn4j.cli.TextTrainCommand;
import org.rnn4j.data.TextLanes;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.spark.SparkSessions;
import org.rnn4j.spark.SparkTextTrain;
import org.rnn4j.spark.SparkTraining;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tasks.text.TextOptions;
import org.rnn4j.tasks.text.WindowGradients;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j spark text-train}: {@code rnn4j text train} itself (the same flags, checks,
 * checkpoints and outputs: model.safetensors, checkpoint.safetensors, loss.png, metrics.json) with
 * the Spark flags of {@link SparkFlags} mixed in, and each window's gradients computed on Spark
 * ({@link SparkTextTrain}). The driver keeps the text, the carried state, the optimizer, the
 * schedule, the validation and the checkpoints, which {@code text train --resume} continues, and
 * the other way round.
 */
final class SparkTextTrainCommand {
    private SparkTextTrainCommand() {}

    static CommandLine commandLine() {
        SparkFlags flags = new SparkFlags();
        CommandLine[] self = new CommandLine[1];
        CommandLine cl = new CommandLine(new TextTrainCommand(options -> open(self[0].getCommandSpec(), flags, options)));
        self[0] = cl;
        cl.setCommandName("text-train"); // the twin's name is "train": usage hints must name this command
        cl.addMixin("spark", flags);
        cl.getCommandSpec().usageMessage().description(
                "Train a character-level language model data-parallel on Apache Spark: each step's --batch lanes are split"
                        + " across --partitions tasks, each carrying its lanes' state from window to window; their"
                        + " gradients are summed (treeAggregate) and the driver applies the clip, Adam and the schedule.",
                "The flags and outputs are those of 'rnn4j text train': DIR/model.safetensors, DIR/checkpoint.safetensors"
                        + " (which 'rnn4j text train --resume' continues too), DIR/loss.png and DIR/metrics.json."
                        + " --dropout must be 0.");
        return cl;
    }

    /** The Spark session and window gradients of a run; closing them stops a session the command started. */
    private static WindowGradients open(CommandSpec spec, SparkFlags flags, TextOptions options) {
        Checks.nonNegative(spec, "--partitions", flags.partitions);
        try {
            SparkTextTrain.requireSupported(options);
        } catch (IllegalArgumentException e) {
            throw Checks.invalid(spec, "--dropout", "0 on Spark (the masks of single-JVM training cannot be drawn lane"
                    + " by lane; train with dropout in one JVM with 'rnn4j text train')", String.valueOf(options.dropout()));
        }
        SparkSessions.Handle handle = SparkSessions.attach(flags.master, "rnn4j spark text-train");
        try {
            SparkTextTrain spark = SparkTextTrain.open(JavaSparkContext.fromSparkContext(handle.session().sparkContext()),
                    SparkTraining.options().partitions(flags.partitions).shipping(flags.shipping), options);
            return new WindowGradients() {
                @Override
                public Result compute(CharLanguageModel model, TextLanes.Window w, RecurrentState state, int step) {
                    return spark.compute(model, w, state, step);
                }

                @Override
                public void close() {
                    try {
                        spark.close();
                    } finally {
                        handle.close();
                    }
                }
            };
        } catch (RuntimeException | Error e) {
            handle.close();
            throw e;
        }
    }
}
