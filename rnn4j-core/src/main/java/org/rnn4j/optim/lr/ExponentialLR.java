package org.rnn4j.optim.lr;

import java.util.Map;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.StateDicts;
import org.rnn4j.tensor.Tensor;

/**
 * Decays the learning rate by γ every epoch, like {@code torch.optim.lr_scheduler.ExponentialLR}.
 * Each step (epoch e), in PyTorch's chained form:
 * <pre>
 *   lr_e = γ · lr_{e−1}     if e &gt; 0;   lr_0 = lr
 * </pre>
 * so {@code lr_e = base_lr · γ^e} when nothing else touches the lr (up to the rounding of the
 * repeated products, which PyTorch has too). State: {@code gamma} and the base entries.
 */
public final class ExponentialLR extends LRScheduler {
    private double gamma;

    /** @throws IllegalArgumentException if γ is NaN */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = Args.number("gamma", gamma);
        initialStep();
    }

    @Override
    protected double computeLr() {
        double lr = optimizer().lr();
        return lastEpoch() == 0 ? lr : lr * gamma;
    }

    @Override
    protected void writeState(Map<String, Tensor> out) {
        StateDicts.putDouble(out, "gamma", gamma);
    }

    @Override
    protected void readState(Map<String, Tensor> in) {
        gamma = Args.number("gamma", StateDicts.getDouble(in, "gamma"));
    }
}
