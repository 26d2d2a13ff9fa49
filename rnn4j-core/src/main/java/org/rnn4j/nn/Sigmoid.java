package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * {@code y = σ(x) = 1 / (1 + e⁻ˣ)} element-wise, like {@code torch.nn.Sigmoid};
 * {@code dy/dx = y (1 - y)}. Any shape; no parameters.
 */
public final class Sigmoid extends Module implements UnaryModule {
    @Override
    public Tensor forward(Tensor input) {
        if (input == null) throw new IllegalArgumentException("Sigmoid: input must not be null");
        return input.sigmoid();
    }
}
