package org.rnn4j.tasks.forecast;

/**
 * Where the loss and gradient of a training batch are computed: in this JVM
 * ({@link ForecastTrainer#localGradients()}), or on a cluster (rnn4j-spark splits the batch's
 * windows across tasks, each computing {@link ForecastTrainer#loss} of its share, and sums their
 * gradients). {@link ForecastTrainer} calls {@link #compute} between the optimizer's
 * {@code zeroGrad()} and the gradient clip and step, which stay with the caller.
 */
@FunctionalInterface
public interface BatchGradients extends AutoCloseable {
    /**
     * The mean L1 loss (normalised units) of the windows ending at {@code origins}, with its
     * gradient left in the {@code grad} of each of {@code net}'s parameters (zero or null before).
     */
    double compute(ForecastNet net, int[] origins);

    /** Releases what the computation held (a cluster's broadcast data); nothing by default. */
    @Override
    default void close() {}
}
