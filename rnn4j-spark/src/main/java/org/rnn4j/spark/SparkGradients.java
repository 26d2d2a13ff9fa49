package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.tasks.forecast.BatchGradients;
import org.rnn4j.tasks.forecast.ForecastModel;
import org.rnn4j.tasks.forecast.ForecastModelFile;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.TrainingEngine;

/**
 * Synchronous data-parallel gradients on Spark, the driver's side. Once per training run the
 * model's self-describing file and the series' values are broadcast. Each step then:
 * <ol>
 *   <li>splits the global batch of B windows into P contiguous slices (slice i: windows
 *       ⌊iB/P⌋ .. ⌊(i+1)B/P⌋ − 1), one partition and task each;</li>
 *   <li>ships the step's weights (in the task closure, or a broadcast: {@link WeightShipping});</li>
 *   <li>each task computes its slice's share of the loss, Σ|ŷ − y| / (B·H), and its gradient
 *       ({@link SliceGradient});</li>
 *   <li>treeAggregate sums the shares exactly ({@link ExactSum}): the total does not depend on
 *       the reduction tree or the order tasks finish in;</li>
 *   <li>the gradient lands in the driver's parameters, where ForecastTrainer clips it and Adam steps.</li>
 * </ol>
 * The sum of the shares' gradients is the gradient of the batch's mean loss, so training follows
 * single-JVM training on the same batches up to float rounding within each slice.
 */
public final class SparkGradients implements BatchGradients {
    /** One step's wall time and its tasks' compute times (the rest is Spark's overhead). */
    public record StepTiming(long wallNanos, long maxTaskNanos, long sumTaskNanos, int parts) {}

    private final JavaSparkContext sc;
    private final SparkTraining options;
    private final int partitions;
    private final Broadcast<ModelFile> model;
    private final Broadcast<SeriesData> series;
    private final SliceGradient.Shared shared;
    private int step;
    private StepTiming last;

    private SparkGradients(JavaSparkContext sc, SparkTraining options, ForecastModel untrained, Series data) {
        this.sc = sc;
        this.options = options;
        this.partitions = options.partitions() > 0 ? options.partitions() : sc.defaultParallelism();
        ModelFile file = fileOf(untrained);
        this.model = sc.broadcast(file);
        this.series = sc.broadcast(SeriesData.of(data));
        this.shared = new SliceGradient.Shared(model, file.sha256(), ModelLoader.forecast(), series, options.faults());
    }

    /** The factory {@link TrainingEngine#gradients} takes: a run's gradients on {@code sc}. */
    public static TrainingEngine.Gradients on(JavaSparkContext sc, SparkTraining options) {
        return (untrained, data) -> new SparkGradients(sc, options, untrained, data);
    }

    /** The parts each batch is split into. */
    public int partitions() {
        return partitions;
    }

    /** The timing of the last step, or null before the first. */
    public StepTiming lastStep() {
        return last;
    }

    @Override
    public double compute(ForecastNet net, int[] origins) {
        long start = System.nanoTime();
        step++;
        float[] w = Weights.flatten(net);
        Broadcast<float[]> shipped = options.shipping() == WeightShipping.BROADCAST ? sc.broadcast(w) : null;
        SliceGradient.StepWeights weights = shipped != null ? SliceGradient.StepWeights.broadcast(shipped)
                : SliceGradient.StepWeights.inline(w);
        try {
            List<SliceGradient.Slice> slices = slices(origins, partitions);
            GradientSum sum = sc.parallelize(slices, slices.size()).treeAggregate(GradientSum.empty(),
                    new SliceGradient(shared, weights, step), GradientSum::plus, options.depth());
            float[] total = sum.total();
            if (total.length != w.length + 1) {
                throw new IllegalStateException("the tasks returned " + (total.length - 1) + " gradients for "
                        + w.length + " weights");
            }
            Weights.setGradients(net, total);
            last = new StepTiming(System.nanoTime() - start, sum.maxNanos(), sum.sumNanos(), sum.parts());
            return total[w.length];
        } finally {
            if (shipped != null) shipped.destroy();
        }
    }

    /** P contiguous slices of {@code origins}: slice i holds positions ⌊iB/P⌋ .. ⌊(i+1)B/P⌋ − 1. */
    static List<SliceGradient.Slice> slices(int[] origins, int parts) {
        List<SliceGradient.Slice> out = new ArrayList<>(parts);
        int b = origins.length;
        for (int i = 0; i < parts; i++) {
            int from = (int) ((long) i * b / parts);
            int to = (int) ((long) (i + 1) * b / parts);
            out.add(new SliceGradient.Slice(i, Arrays.copyOfRange(origins, from, to), b));
        }
        return out;
    }

    /** Releases the run's broadcasts. */
    @Override
    public void close() {
        model.destroy();
        series.destroy();
    }

    /** The model's self-describing file, as bytes. */
    static ModelFile fileOf(ForecastModel m) {
        return ModelFile.written(file -> ForecastModelFile.save(file, m));
    }
}
