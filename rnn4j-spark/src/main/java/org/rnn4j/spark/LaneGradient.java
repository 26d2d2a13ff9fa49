package org.rnn4j.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tasks.text.WindowGradients;
import org.rnn4j.tensor.Tensor;

/**
 * The executor's side of one text training step, treeAggregate's seqOp: the loss share and
 * gradient of some lanes of the window ({@link WindowGradients#share}) and the lanes' state after
 * it, computed from the state the driver shipped for those lanes, with an instance of the model
 * borrowed for the task ({@link ExecutorModels#borrow}) into which the step's weights are loaded.
 * The result depends only on the slice and the weights, so a retried task gives the same bits.
 */
final class LaneGradient implements Function2<LaneSum, LaneGradient.Slice, LaneSum> {
    private static final long serialVersionUID = 1L;

    /**
     * Lanes [from, from + lanes) of a window of {@code batch} lanes of T characters.
     *
     * @param input  [lanes, T] character indices
     * @param target [lanes, T] the next characters
     * @param h      the lanes' carried state [L, lanes, H], or null for zeros (the window starts a pass)
     * @param c      the LSTM's cell state, likewise; null for the other cells
     */
    record Slice(int from, int lanes, int batch, long[] input, long[] target, float[] h, float[] c)
            implements Serializable {}

    /** What every step's tasks share, broadcast once per training run. */
    record Shared(Broadcast<ModelFile> model, String hash, ModelLoader<CharLanguageModel> loader, TaskFaults faults)
            implements Serializable {}

    private final Shared shared;
    private final SliceGradient.StepWeights weights;
    private final int step;

    LaneGradient(Shared shared, SliceGradient.StepWeights weights, int step) {
        this.shared = shared;
        this.weights = weights;
        this.step = step;
    }

    @Override
    public LaneSum call(LaneSum acc, Slice slice) {
        TaskContext task = TaskContext.get();
        if (task != null) shared.faults().check(step, task.partitionId(), task.attemptNumber());
        long start = System.nanoTime();
        try (ExecutorModels.Lease<CharLanguageModel> lease = ExecutorModels.borrow(shared.hash(), shared.model()::value,
                shared.loader())) {
            CharLanguageModel m = lease.model();
            Weights.load(m, weights.get());
            m.zeroGrad();
            m.train();
            int b = slice.lanes();
            int t = slice.input().length / b;
            int layers = m.config().numLayers();
            int hidden = m.config().hiddenSize();
            RecurrentState state = slice.h() == null ? null : new RecurrentState(Tensor.of(slice.h(), layers, b, hidden),
                    slice.c() == null ? null : Tensor.of(slice.c(), layers, b, hidden));
            WindowGradients.Share share = WindowGradients.share(m, Tensor.ofLongs(slice.input(), b, t),
                    Tensor.ofLongs(slice.target(), b, t), state, slice.batch());
            float loss = share.loss().item();
            if (Float.isFinite(loss)) share.loss().backward(); // else the driver stops: training diverged
            float[] g = Weights.gradients(m, loss);
            m.zeroGrad(); // an idle instance keeps no gradients
            RecurrentState after = share.state();
            LaneSum.LaneState lanes = new LaneSum.LaneState(slice.from(), b, after.h().contiguous().toFloatArray(),
                    after.c() == null ? null : after.c().contiguous().toFloatArray());
            return acc.plus(LaneSum.of(g, System.nanoTime() - start, lanes));
        }
    }
}
