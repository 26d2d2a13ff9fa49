package org.rnn4j.tasks.forecast;

/**
 * How {@link ForecastTask#train(Series, ForecastOptions, TrainingListener, TrainingEngine)} trains:
 * where each batch's gradients are computed (this JVM unless {@link #gradients} says otherwise) and
 * whether the driver checkpoints and resumes. An immutable value: the setters return a changed copy.
 *
 * @param gradients       opens the batch gradient computation for a model and series; null: this JVM
 * @param checkpoint      where states are saved; null: none
 * @param checkpointEvery save after every this many batches (0: never)
 * @param resume          go on from the checkpoint's state (which must exist) instead of starting afresh
 */
public record TrainingEngine(Gradients gradients, TrainerCheckpoint checkpoint, int checkpointEvery,
                             boolean resume) {
    /** Opens the gradient computation of a training run: {@code model} is the untrained model. */
    @FunctionalInterface
    public interface Gradients {
        BatchGradients open(ForecastModel model, Series series);
    }

    public TrainingEngine {
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoint_every must be >= 0, got " + checkpointEvery);
        }
        if ((checkpointEvery > 0 || resume) && checkpoint == null) {
            throw new IllegalArgumentException("checkpoint_every " + checkpointEvery + " and resume " + resume
                    + " need a checkpoint store, got none");
        }
    }

    /** Gradients in this JVM, no checkpoints. */
    public static TrainingEngine local() {
        return new TrainingEngine(null, null, 0, false);
    }

    public TrainingEngine gradients(Gradients g) {
        return new TrainingEngine(g, checkpoint, checkpointEvery, resume);
    }

    public TrainingEngine checkpoint(TrainerCheckpoint store, int every, boolean resumeFromIt) {
        return new TrainingEngine(gradients, store, every, resumeFromIt);
    }
}
