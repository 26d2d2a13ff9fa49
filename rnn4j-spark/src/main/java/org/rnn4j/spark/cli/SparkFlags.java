package org.rnn4j.spark.cli;

import org.rnn4j.spark.WeightShipping;
import picocli.CommandLine.Option;

/** The options {@code spark forecast-train} adds to those of {@code forecast train}. */
public final class SparkFlags {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] runs an embedded session with N task threads (default: spark-submit's "
                    + "master, else local[*]). Leave it out under spark-submit.")
    String master;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
            description = "Parts each batch is split into, one task each (default: the default parallelism, N for local[N]).")
    int partitions;

    @Option(names = "--weights", paramLabel = "broadcast|task", defaultValue = "broadcast",
            description = "How each step's weights reach the tasks: a broadcast per step, or in the task closure "
                    + "(default: ${DEFAULT-VALUE}).")
    WeightShipping shipping;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
            description = "Save the driver's state (weights, optimizer, position) to DIR/checkpoint.safetensors every N "
                    + "steps, atomically (default: never).")
    int checkpointEvery;

    @Option(names = "--resume",
            description = "Go on from DIR/checkpoint.safetensors, as a restarted driver; ends with the same weights as a "
                    + "run that never stopped.")
    boolean resume;
}
