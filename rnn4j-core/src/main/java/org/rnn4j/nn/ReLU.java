package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * {@code y = max(x, 0)} element-wise, like {@code torch.nn.ReLU}; {@code dy/dx = 1} where
 * {@code x > 0}, else 0 (0 at {@code x = 0}, as PyTorch). Any shape; no parameters.
 */
public final class ReLU extends Module implements UnaryModule {
    @Override
    public Tensor forward(Tensor input) {
        if (input == null) throw new IllegalArgumentException("ReLU: input must not be null");
        return input.relu();
    }
}
