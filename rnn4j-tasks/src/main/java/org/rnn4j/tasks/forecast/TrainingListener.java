package org.rnn4j.tasks.forecast;

/** Hooks into {@link ForecastTrainer}: a progress bar, a log, a distributed driver. */
public interface TrainingListener {
    /** One epoch done. */
    void onEpoch(EpochReport report);

    /** A listener that does nothing. */
    static TrainingListener none() {
        return r -> { };
    }

    /**
     * @param epoch          1-based
     * @param maxEpochs      the most epochs the run may take (early stopping may end it sooner)
     * @param trainLoss      mean L1 loss (normalised units) of the epoch's batches
     * @param validationLoss L1 loss over the validation windows after the epoch
     * @param bestEpoch      the epoch with the lowest validation loss so far
     */
    record EpochReport(int epoch, int maxEpochs, double trainLoss, double validationLoss, int bestEpoch,
                       double bestValidationLoss, double lr) {}
}
