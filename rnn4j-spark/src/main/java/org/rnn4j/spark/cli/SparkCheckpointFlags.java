package org.rnn4j.spark.cli;

import picocli.CommandLine.Option;

/** The driver's checkpoints, which {@code spark forecast-train} adds ({@code text train} has them already). */
public final class SparkCheckpointFlags {
    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
            description = "Save the driver's state (weights, optimizer, position) to DIR/checkpoint.safetensors every N "
                    + "steps, atomically (default: never).")
    int checkpointEvery;

    @Option(names = "--resume",
            description = "Go on from DIR/checkpoint.safetensors, as a restarted driver; ends with the same weights as a "
                    + "run that never stopped.")
    boolean resume;
}
