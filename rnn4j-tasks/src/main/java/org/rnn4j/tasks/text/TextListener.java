package org.rnn4j.tasks.text;

import java.nio.file.Path;

/** Hooks into {@link TextTrainer#run}: a progress bar, a log, a distributed driver. All do nothing by default. */
public interface TextListener {
    /**
     * One training step done.
     *
     * @param step           1-based, of {@code steps}
     * @param loss           the step's mean cross-entropy in nats
     * @param lr             the learning rate the step used
     * @param millis         the step's wall time
     * @param charsPerSecond training characters per second of step time, over the steps of this process
     */
    record StepReport(int step, int steps, float loss, double lr, double millis, double charsPerSecond) {
        /** The step's loss in bits per character. */
        public double bpc() {
            return loss / Math.log(2);
        }
    }

    default void onStep(StepReport report) {}

    /** The validation bpc measured after {@code step} steps. */
    default void onValidation(int step, double bpc) {}

    /** A checkpoint of step {@code step} written to {@code file}. */
    default void onCheckpoint(int step, Path file) {}

    /** A listener that does nothing. */
    static TextListener none() {
        return new TextListener() { };
    }
}
