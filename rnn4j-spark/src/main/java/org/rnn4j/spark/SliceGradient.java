package org.rnn4j.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.tasks.forecast.ForecastModel;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.forecast.ForecastTrainer;
import org.rnn4j.tasks.forecast.WindowBatch;
import org.rnn4j.tensor.Tensor;

/**
 * The executor's side of one training step, treeAggregate's seqOp: the loss share and gradient of
 * one slice of the global batch ({@link ForecastTrainer#loss}), computed with an instance of the
 * model borrowed for the task ({@link ExecutorModels#borrow}) into which the step's weights are
 * loaded. The result depends only on the slice and the weights, so a retried task gives the same
 * bits.
 */
final class SliceGradient implements Function2<GradientSum, SliceGradient.Slice, GradientSum> {
    private static final long serialVersionUID = 1L;

    /** Part {@code index} of a global batch of {@code batchSize} windows: the windows ending at {@code origins}. */
    record Slice(int index, int[] origins, int batchSize) implements Serializable {}

    /** What every step's tasks share, broadcast once per training run. */
    record Shared(Broadcast<ModelFile> model, String hash, ModelLoader<ForecastModel> loader,
                  Broadcast<SeriesData> series, TaskFaults faults) implements Serializable {}

    /** The weights of one step, carried in the closure or broadcast. */
    interface StepWeights extends Serializable {
        float[] get();

        static StepWeights inline(float[] w) {
            return () -> w;
        }

        static StepWeights broadcast(Broadcast<float[]> w) {
            return w::value;
        }
    }

    private final Shared shared;
    private final StepWeights weights;
    private final int step;

    SliceGradient(Shared shared, StepWeights weights, int step) {
        this.shared = shared;
        this.weights = weights;
        this.step = step;
    }

    @Override
    public GradientSum call(GradientSum acc, Slice slice) {
        if (slice.origins().length == 0) return acc;
        TaskContext task = TaskContext.get();
        if (task != null) shared.faults().check(step, task.partitionId(), task.attemptNumber());
        long start = System.nanoTime();
        try (ExecutorModels.Lease<ForecastModel> lease = ExecutorModels.borrow(shared.hash(), shared.model()::value,
                shared.loader())) {
            ForecastModel m = lease.model();
            ForecastNet net = m.net();
            Weights.load(net, weights.get());
            net.zeroGrad();
            net.train();
            WindowBatch w = WindowBatch.of(shared.series().value().series(), m.scaler(), m.lookback(), m.horizon(),
                    m.season(), slice.origins());
            Tensor loss = ForecastTrainer.loss(net, w, slice.batchSize());
            loss.backward();
            float[] g = Weights.gradients(net, loss.item());
            net.zeroGrad(); // an idle instance keeps no gradients
            return acc.plus(GradientSum.of(g, System.nanoTime() - start));
        }
    }
}
