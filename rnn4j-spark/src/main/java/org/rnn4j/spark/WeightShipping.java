package org.rnn4j.spark;

/**
 * How the driver ships each step's weights to the gradient tasks. Either way every executor
 * receives them once per step: Spark broadcasts a stage's serialized closure (its "task binary")
 * to the executors, so weights carried in the closure ride on that broadcast. Measured (README):
 * alike for small models; for a 3 MB model the closure cost some 70 ms more per step, as Spark
 * serializes a closure twice (once to check that it can) and warns about large task binaries.
 */
public enum WeightShipping {
    /** A broadcast variable per step, destroyed when the step is done (the default). */
    BROADCAST,
    /** In the tasks' closure. */
    TASK
}
