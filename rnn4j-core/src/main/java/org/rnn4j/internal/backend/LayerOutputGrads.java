package org.rnn4j.internal.backend;

/**
 * The gradients flowing into a layer's outputs; each null where none flowed.
 *
 * @param output [N, D*P] by time, as the forward's output
 * @param hn     [D, B, P]
 * @param cn     [D, B, H]
 */
public record LayerOutputGrads(float[] output, float[] hn, float[] cn) {}
