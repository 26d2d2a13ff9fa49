package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * A module with one input and one output, {@code y = f(x)}: what {@link Sequential} chains.
 * {@link Linear}, {@link Embedding}, {@link Dropout}, {@link LayerNorm}, {@link Tanh}, {@link ReLU},
 * {@link Sigmoid} and {@link Sequential} itself implement it; the recurrent modules, whose forward
 * returns several tensors, do not.
 */
public interface UnaryModule {
    /** The module applied to {@code input}. */
    Tensor forward(Tensor input);
}
