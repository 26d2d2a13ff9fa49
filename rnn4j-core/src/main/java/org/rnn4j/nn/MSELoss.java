package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * Squared error, like {@code torch.nn.MSELoss}: {@code l_i = (x_i - y_i)^2}, reduced by
 * {@link Reduction} (default MEAN: {@code mean((x - y)^2)}). Input and target have one shape;
 * both receive gradients ({@code dx = 2 (x - y) g}).
 */
public final class MSELoss extends Module {
    private final Reduction reduction;

    /** Reduction MEAN, as PyTorch's default. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        this.reduction = Losses.require(reduction);
    }

    public Reduction reduction() {
        return reduction;
    }

    public Tensor forward(Tensor input, Tensor target) {
        Losses.sameShape("MSELoss", input, target);
        return Losses.reduce(input.sub(target).square(), reduction);
    }
}
