package org.rnn4j.optim.lr;

import java.util.Map;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.StateDicts;
import org.rnn4j.tensor.Tensor;

/**
 * Scales the learning rate by a factor going linearly from {@code startFactor} to
 * {@code endFactor} over {@code totalIters} epochs (a warm-up, or a linear decay), like
 * {@code torch.optim.lr_scheduler.LinearLR}. The closed form is
 * {@code lr_e = base_lr · (s + (f − s) · min(e, N) / N)} (s = startFactor, f = endFactor,
 * N = totalIters); PyTorch's {@code step()} computes, and so does this class, the chained form:
 * <pre>
 *   lr_0 = s · lr
 *   lr_e = lr_{e−1} · (1 + (f − s) / (N·s + (e − 1)·(f − s)))      for 0 &lt; e ≤ N
 *   lr_e = lr_{e−1}                                                 for e &gt; N
 * </pre>
 * State: {@code start_factor}, {@code end_factor}, {@code total_iters} and the base entries.
 */
public final class LinearLR extends LRScheduler {
    private double startFactor;
    private double endFactor;
    private int totalIters;

    /** PyTorch's defaults: start factor 1/3, end factor 1, 5 iterations. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    /**
     * @throws IllegalArgumentException in PyTorch's words: "Starting multiplicative factor
     *     expected to be greater than 0 and less or equal to 1." (start factor outside (0, 1]),
     *     "Ending multiplicative factor expected to be between 0 and 1." (end factor outside
     *     [0, 1]); a negative {@code totalIters} too
     */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        check(startFactor, endFactor, totalIters);
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    private static void check(double startFactor, double endFactor, int totalIters) {
        // PyTorch 2.x's check: a start factor of 0 would divide by zero at epoch 1.
        if (!(startFactor > 0 && startFactor <= 1.0)) {
            throw new IllegalArgumentException("Starting multiplicative factor expected to be greater than 0 and "
                    + "less or equal to 1.");
        }
        if (!(endFactor >= 0 && endFactor <= 1.0)) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
        }
        Args.nonNegative("total_iters", totalIters);
    }

    @Override
    protected double computeLr() {
        double lr = optimizer().lr();
        int e = lastEpoch();
        if (e == 0) return lr * startFactor;
        if (e > totalIters) return lr;
        return lr * (1. + (endFactor - startFactor)
                / (totalIters * startFactor + (e - 1) * (endFactor - startFactor)));
    }

    @Override
    protected void writeState(Map<String, Tensor> out) {
        StateDicts.putDouble(out, "start_factor", startFactor);
        StateDicts.putDouble(out, "end_factor", endFactor);
        StateDicts.putLong(out, "total_iters", totalIters);
    }

    @Override
    protected void readState(Map<String, Tensor> in) {
        double s = StateDicts.getDouble(in, "start_factor");
        double f = StateDicts.getDouble(in, "end_factor");
        int n = StateDicts.getInt(in, "total_iters");
        check(s, f, n);
        startFactor = s;
        endFactor = f;
        totalIters = n;
    }
}
