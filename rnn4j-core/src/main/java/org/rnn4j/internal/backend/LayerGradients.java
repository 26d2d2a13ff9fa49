package org.rnn4j.internal.backend;

import java.util.List;

/**
 * Accumulators for the gradients of a layer's inputs, which {@link RecurrentBackend#backward}
 * adds into ({@code +=}); null where no gradient is wanted.
 *
 * @param x       [N, I], as {@link LayerInput#x}
 * @param h0      [D, B, P]
 * @param c0      [D, B, H]
 * @param weights one entry per direction
 */
public record LayerGradients(float[] x, float[] h0, float[] c0, List<DirectionWeights> weights) {}
