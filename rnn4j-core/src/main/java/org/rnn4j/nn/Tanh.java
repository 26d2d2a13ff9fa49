package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * {@code y = tanh(x) = (eˣ - e⁻ˣ) / (eˣ + e⁻ˣ)} element-wise, like {@code torch.nn.Tanh};
 * {@code dy/dx = 1 - y²}. Any shape; no parameters.
 */
public final class Tanh extends Module implements UnaryModule {
    @Override
    public Tensor forward(Tensor input) {
        if (input == null) throw new IllegalArgumentException("Tanh: input must not be null");
        return input.tanh();
    }
}
