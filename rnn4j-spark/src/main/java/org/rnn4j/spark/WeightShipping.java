package org.rnn4j.spark;

/**
 * How the driver ships each step's weights to the gradient tasks. Either way every executor
 * receives them once per step: Spark broadcasts a stage's serialized closure (its "task binary")
 * to the executors, so weights carried in the closure ride on that broadcast.
 */
public enum WeightShipping {
    /** In the tasks' closure: no broadcast of its own (the default; see the README for the measurement). */
    TASK,
    /** A broadcast variable per step, destroyed when the step is done. */
    BROADCAST
}
