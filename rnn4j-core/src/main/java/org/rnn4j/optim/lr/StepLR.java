package org.rnn4j.optim.lr;

import java.util.Map;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.StateDicts;
import org.rnn4j.tensor.Tensor;

/**
 * Decays the learning rate by γ every {@code stepSize} epochs, like
 * {@code torch.optim.lr_scheduler.StepLR}. Each step (epoch e), in PyTorch's chained form:
 * <pre>
 *   lr_e = γ · lr_{e−1}     if e &gt; 0 and e mod stepSize = 0
 *   lr_e = lr_{e−1}         otherwise
 * </pre>
 * so {@code lr_e = base_lr · γ^⌊e / stepSize⌋} when nothing else touches the lr.
 * State: {@code step_size}, {@code gamma} and the base entries ({@link LRScheduler}).
 */
public final class StepLR extends LRScheduler {
    private int stepSize;
    private double gamma;

    /** StepLR with PyTorch's default γ = 0.1. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    /**
     * @throws IllegalArgumentException if {@code stepSize <= 0} ("Expected positive integer
     *     step_size, but got 0") or γ is NaN
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        this.stepSize = Args.positive("step_size", stepSize);
        this.gamma = Args.number("gamma", gamma);
        initialStep();
    }

    @Override
    protected double computeLr() {
        double lr = optimizer().lr();
        int e = lastEpoch();
        return e == 0 || e % stepSize != 0 ? lr : lr * gamma;
    }

    @Override
    protected void writeState(Map<String, Tensor> out) {
        StateDicts.putLong(out, "step_size", stepSize);
        StateDicts.putDouble(out, "gamma", gamma);
    }

    @Override
    protected void readState(Map<String, Tensor> in) {
        stepSize = Args.positive("step_size", StateDicts.getInt(in, "step_size"));
        gamma = Args.number("gamma", StateDicts.getDouble(in, "gamma"));
    }
}
