package org.rnn4j.spark.cli;

import org.rnn4j.spark.WeightShipping;
import picocli.CommandLine.Option;

/**
 * The options the Spark training commands add to those of their single-JVM twins
 * ({@code forecast-train} also adds {@link SparkCheckpointFlags}; {@code text train} has its own).
 */
public final class SparkFlags {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] runs an embedded session with N task threads (default: spark-submit's "
                    + "master, else local[*]). Leave it out under spark-submit.")
    String master;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
            description = "Parts each batch (text-train: each window's lanes) is split into, one task each "
                    + "(default: the default parallelism, N for local[N]).")
    int partitions;

    @Option(names = "--weights", paramLabel = "broadcast|task", defaultValue = "broadcast",
            description = "How each step's weights reach the tasks: a broadcast per step, or in the task closure "
                    + "(default: ${DEFAULT-VALUE}).")
    WeightShipping shipping;
}
