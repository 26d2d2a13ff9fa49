package org.rnn4j.tensor;

import java.util.Random;

/**
 * The default random generator behind {@code Tensor.randn}, {@code rand} and parameter
 * initialisation; {@link Tensor#manualSeed(long)} reseeds it. Calls are synchronised so that a
 * seeded program is reproducible; parallel code should not draw from it.
 */
public final class Rng {
    private static Random random = new Random();

    private Rng() {}

    public static synchronized void seed(long seed) {
        random = new Random(seed);
    }

    /** Uniform in [lo, hi). */
    public static synchronized void uniform(float[] out, int off, int len, double lo, double hi) {
        for (int i = 0; i < len; i++) out[off + i] = (float) (lo + (hi - lo) * random.nextDouble());
    }

    /** Standard normal. */
    public static synchronized void normal(float[] out, int off, int len, double mean, double std) {
        for (int i = 0; i < len; i++) out[off + i] = (float) (mean + std * random.nextGaussian());
    }

    /** Bernoulli(p) as 0 or 1. */
    public static synchronized void bernoulli(float[] out, int off, int len, double p) {
        for (int i = 0; i < len; i++) out[off + i] = random.nextDouble() < p ? 1f : 0f;
    }

    public static synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public static synchronized double nextDouble() {
        return random.nextDouble();
    }
}
