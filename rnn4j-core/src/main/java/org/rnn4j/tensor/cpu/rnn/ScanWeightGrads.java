package org.rnn4j.tensor.cpu.rnn;

/**
 * Gradient accumulators for {@link ScanWeights}, same shapes; null where no gradient is wanted.
 * Kernels add into them ({@code +=}).
 */
public record ScanWeightGrads(float[] wih, float[] whh, float[] bih, float[] bhh, float[] whr) {}
