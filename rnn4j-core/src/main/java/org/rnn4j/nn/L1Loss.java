package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * Absolute error, like {@code torch.nn.L1Loss}: {@code l_i = |x_i - y_i|}, reduced by
 * {@link Reduction} (default MEAN). The gradient is {@code sign(x - y) g}, 0 where x = y, as
 * PyTorch's.
 */
public final class L1Loss extends Module {
    private final Reduction reduction;

    /** Reduction MEAN, as PyTorch's default. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    public L1Loss(Reduction reduction) {
        this.reduction = Losses.require(reduction);
    }

    public Reduction reduction() {
        return reduction;
    }

    public Tensor forward(Tensor input, Tensor target) {
        Losses.sameShape("L1Loss", input, target);
        return Losses.reduce(input.sub(target).abs(), reduction);
    }
}
