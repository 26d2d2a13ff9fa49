package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * Huber loss, like {@code torch.nn.HuberLoss(reduction, delta)}: with {@code d = x - y},
 * <pre>
 *   l = d² / 2              if |d| &lt; δ
 *   l = δ (|d| - δ / 2)     otherwise
 *   dl/dx = clamp(d, -δ, δ) = -dl/dy
 * </pre>
 * reduced by {@link Reduction} (default MEAN, δ = 1). One autograd node per call (plus the
 * reduction).
 */
public final class HuberLoss extends Module {
    private final Reduction reduction;
    private final double delta;

    /** Reduction MEAN and delta 1, as PyTorch's defaults. */
    public HuberLoss() {
        this(Reduction.MEAN, 1.0);
    }

    public HuberLoss(Reduction reduction, double delta) {
        this.reduction = Losses.require(reduction);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huber_loss does not support non-positive values for delta, got "
                    + delta);
        }
        this.delta = delta;
    }

    public Reduction reduction() {
        return reduction;
    }

    public double delta() {
        return delta;
    }

    public Tensor forward(Tensor input, Tensor target) {
        Losses.sameShape("HuberLoss", input, target);
        double dl = delta;
        Tensor l = Losses.pointwise("HuberLossBackward0", input, target, new Losses.Pointwise() {
            @Override
            public double value(double d) {
                double a = Math.abs(d);
                return a < dl ? 0.5 * d * d : dl * (a - 0.5 * dl);
            }

            @Override
            public double slope(double d) {
                return d <= -dl ? -dl : d >= dl ? dl : d;
            }
        });
        return Losses.reduce(l, reduction);
    }
}
