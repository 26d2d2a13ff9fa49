package org.rnn4j.internal;

import org.rnn4j.tensor.Generator;

/**
 * Fills float storage from a {@link Generator}, holding its lock for the whole fill so that
 * concurrent draws never interleave within one tensor: tensor creation, parameter initialisation
 * ({@code reset_parameters}) and dropout masks. Each element takes one draw, in order, computed
 * in double and rounded once to float.
 */
public final class RandomFill {
    private RandomFill() {}

    /** out[off + i] = lo + (hi - lo) u, u ~ U[0, 1). */
    public static void uniform(Generator g, float[] out, int off, int len, double lo, double hi) {
        synchronized (g) {
            for (int i = 0; i < len; i++) out[off + i] = (float) (lo + (hi - lo) * g.nextDouble());
        }
    }

    /** out[off + i] = mean + std z, z ~ N(0, 1). */
    public static void normal(Generator g, float[] out, int off, int len, double mean, double std) {
        synchronized (g) {
            for (int i = 0; i < len; i++) out[off + i] = (float) (mean + std * g.nextGaussian());
        }
    }

    /** out[off + i] = 1 with probability p (u &lt; p), else 0. */
    public static void bernoulli(Generator g, float[] out, int off, int len, double p) {
        synchronized (g) {
            for (int i = 0; i < len; i++) out[off + i] = g.nextDouble() < p ? 1f : 0f;
        }
    }
}
