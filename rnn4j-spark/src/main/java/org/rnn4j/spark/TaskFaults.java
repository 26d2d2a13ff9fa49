package org.rnn4j.spark;

import java.io.Serializable;

/**
 * A test hook: makes the first attempt of chosen gradient tasks fail, as a lost executor or a
 * flaky node would, so that a test can show Spark retrying them and the step's result unchanged
 * (a partition's gradient depends only on its windows and the step's weights).
 *
 * @param step      the training step (1-based) whose task fails; 0: none
 * @param partition the partition whose first attempt fails
 */
public record TaskFaults(int step, int partition) implements Serializable {
    /** No faults: what production runs use. */
    public static TaskFaults none() {
        return new TaskFaults(0, -1);
    }

    /** The first attempt of {@code partition}'s task in {@code step} fails. */
    public static TaskFaults failFirstAttempt(int step, int partition) {
        if (step < 1) throw new IllegalArgumentException("step must be >= 1, got " + step);
        if (partition < 0) throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        return new TaskFaults(step, partition);
    }

    /** Thrown by an injected failure. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }

    /** Throws {@link InjectedFailure} if this task attempt is one to fail. */
    void check(int currentStep, int currentPartition, int attempt) {
        if (currentStep == step && currentPartition == partition && attempt == 0) {
            throw new InjectedFailure("injected failure: step " + step + ", partition " + partition + ", attempt 0");
        }
    }
}
