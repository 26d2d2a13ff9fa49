package org.rnn4j.spark;

/**
 * How {@link SparkGradients} runs: an immutable value whose setters return a changed copy.
 *
 * @param partitions the parts each global batch is split into, one task each (0: the context's
 *                   default parallelism, e.g. N for local[N])
 * @param shipping   how each step's weights reach the tasks
 * @param depth      the depth of treeAggregate's reduction tree (2, Spark's default)
 * @param faults     a test hook; {@link TaskFaults#none()} in production
 */
public record SparkTraining(int partitions, WeightShipping shipping, int depth, TaskFaults faults) {
    public SparkTraining {
        if (partitions < 0) throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
        if (shipping == null) throw new IllegalArgumentException("shipping must not be null");
        if (depth < 1) throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        if (faults == null) throw new IllegalArgumentException("faults must not be null (TaskFaults.none())");
    }

    /** The defaults: the default parallelism, a broadcast of the weights per step, depth 2, no faults. */
    public static SparkTraining options() {
        return new SparkTraining(0, WeightShipping.BROADCAST, 2, TaskFaults.none());
    }

    public SparkTraining partitions(int v) {
        return new SparkTraining(v, shipping, depth, faults);
    }

    public SparkTraining shipping(WeightShipping v) {
        return new SparkTraining(partitions, v, depth, faults);
    }

    public SparkTraining depth(int v) {
        return new SparkTraining(partitions, shipping, v, faults);
    }

    public SparkTraining faults(TaskFaults v) {
        return new SparkTraining(partitions, shipping, depth, v);
    }
}
