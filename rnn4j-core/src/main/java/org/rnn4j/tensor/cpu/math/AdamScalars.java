package org.rnn4j.tensor.cpu.math;

/**
 * The float32 scalars of one Adam step on one parameter ({@link Elementwise#adam}): β1, 1 − β1,
 * β2, 1 − β2 (each rounded from Python's double), sqrt(1 − β2^t), ε and −lr / (1 − β1^t).
 */
public record AdamScalars(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc2Sqrt,
                          float eps, float negStepSize) {}
