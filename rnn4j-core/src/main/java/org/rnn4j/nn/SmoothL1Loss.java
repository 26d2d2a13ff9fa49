package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * Smooth L1 loss, like {@code torch.nn.SmoothL1Loss(reduction, beta)}: with {@code d = x - y},
 * <pre>
 *   l = d² / (2β)           if |d| &lt; β
 *   l = |d| - β / 2         otherwise
 *   dl/dx = clamp(d / β, -1, 1) = -dl/dy
 * </pre>
 * reduced by {@link Reduction} (default MEAN, β = 1). β = 0 is the L1 loss (gradient
 * {@code sign(d)}, 0 at d = 0), as PyTorch computes it.
 */
public final class SmoothL1Loss extends Module {
    private final Reduction reduction;
    private final double beta;

    /** Reduction MEAN and beta 1, as PyTorch's defaults. */
    public SmoothL1Loss() {
        this(Reduction.MEAN, 1.0);
    }

    public SmoothL1Loss(Reduction reduction, double beta) {
        this.reduction = Losses.require(reduction);
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta, got "
                    + beta);
        }
        this.beta = beta;
    }

    public Reduction reduction() {
        return reduction;
    }

    public double beta() {
        return beta;
    }

    public Tensor forward(Tensor input, Tensor target) {
        Losses.sameShape("SmoothL1Loss", input, target);
        double b = beta;
        Tensor l = Losses.pointwise("SmoothL1LossBackward0", input, target, new Losses.Pointwise() {
            @Override
            public double value(double d) {
                double a = Math.abs(d);
                return a < b ? 0.5 * d * d / b : a - 0.5 * b;
            }

            @Override
            public double slope(double d) {
                if (b == 0) return Math.signum(d);
                return d <= -b ? -1 : d >= b ? 1 : d / b;
            }
        });
        return Losses.reduce(l, reduction);
    }
}
