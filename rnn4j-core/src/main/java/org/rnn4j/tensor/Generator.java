package org.rnn4j.tensor;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import org.rnn4j.internal.BuildScope;

/**
 * A pseudo-random number generator with an explicit state that can be saved and restored, like
 * {@code torch.Generator}. {@link Tensor#randn(Generator, int...)}, {@link Tensor#rand(Generator,
 * int...)}, parameter initialisation and dropout draw from one; the {@link #defaultGenerator()}
 * serves them when none is given, and {@link Tensor#manualSeed} reseeds it.
 *
 * <p>The algorithm is the one {@link java.util.Random} documents, so that a seed gives exactly
 * the numbers {@code new Random(seed)} gives (and rnn4j's initial weights stay what they were
 * before generators existed), with its state exposed: a 48-bit linear congruential generator
 * <pre>
 *   seed₀ = (s ⊕ 0x5DEECE66D) mod 2⁴⁸,   seedₙ₊₁ = (0x5DEECE66D · seedₙ + 0xB) mod 2⁴⁸,
 *   next(bits) = ⌊seedₙ₊₁ / 2^(48 − bits)⌋
 * </pre>
 * with {@code nextDouble = (next(26) · 2²⁷ + next(27)) · 2⁻⁵³} and {@code nextGaussian} by the
 * Marsaglia polar method (two normals per accepted pair; the second is kept for the next call).
 * It is not PyTorch's Mersenne Twister: the same seed gives other numbers than torch.
 *
 * <p>Thread-safe: every draw holds this generator's lock, and so do the bulk draws of tensor
 * creation and initialisation, so a seeded single-threaded program is reproducible. Parallel
 * code that must be reproducible should give each task its own generator.
 */
public final class Generator {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    /** State layout of {@link #getState()}: magic, version, seed, flag, cached Gaussian. */
    private static final int MAGIC = 0x52344A47; // "R4JG"
    private static final byte VERSION = 1;
    static final int STATE_BYTES = 4 + 1 + 8 + 1 + 8;

    /** Seeded differently on every run, as Rng was; {@link Tensor#manualSeed} makes a run reproducible. */
    private static final Generator DEFAULT = new Generator(ThreadLocalRandom.current().nextLong());

    private long seed;
    private boolean haveNextNextGaussian;
    private double nextNextGaussian;

    /** A generator seeded with {@code seed} (any long; only the low 48 bits matter, as in java.util.Random). */
    public Generator(long seed) {
        manualSeed(seed);
    }

    /**
     * The generator behind {@link Tensor#randn(int...)}, {@link Tensor#rand(int...)}, initialisation and dropout.
     * While a model file is being loaded ({@code org.rnn4j.io.Models}), the loading thread gets a
     * private throwaway generator instead, so that loading a model moves no one's random stream.
     */
    public static Generator defaultGenerator() {
        Generator scoped = BuildScope.generator();
        return scoped != null ? scoped : DEFAULT;
    }

    /** Reseeds this generator (and forgets a cached Gaussian), like {@code Generator.manual_seed}; returns it. */
    public synchronized Generator manualSeed(long seed) {
        this.seed = (seed ^ MULTIPLIER) & MASK;
        this.haveNextNextGaussian = false;
        this.nextNextGaussian = 0;
        return this;
    }

    /**
     * The complete state, {@value #STATE_BYTES} bytes: draws after {@link #setState} with it repeat
     * the draws after this call exactly. The format is rnn4j's own (PyTorch's generator differs).
     */
    public synchronized byte[] getState() {
        return ByteBuffer.allocate(STATE_BYTES).putInt(MAGIC).put(VERSION).putLong(seed)
                .put((byte) (haveNextNextGaussian ? 1 : 0))
                .putDouble(haveNextNextGaussian ? nextNextGaussian : 0).array();
    }

    /**
     * Restores a state from {@link #getState()}.
     *
     * @throws IllegalArgumentException if {@code state} is null or not such a state (wrong size,
     *     header, or values no generator can hold); this generator is then unchanged
     */
    public synchronized void setState(byte[] state) {
        if (state == null) throw new IllegalArgumentException("setState: state must not be null");
        if (state.length != STATE_BYTES) {
            throw new IllegalArgumentException("setState: expected an rnn4j generator state of size " + STATE_BYTES
                    + " but found the input RNG state size to be " + state.length);
        }
        ByteBuffer b = ByteBuffer.wrap(state);
        int magic = b.getInt();
        byte version = b.get();
        if (magic != MAGIC || version != VERSION) {
            throw new IllegalArgumentException("setState: not an rnn4j generator state (header "
                    + String.format("%08x/%d, expected %08x/%d)", magic, version, MAGIC, VERSION));
        }
        long s = b.getLong();
        byte flag = b.get();
        double cached = b.getDouble();
        if ((s & ~MASK) != 0) {
            throw new IllegalArgumentException("setState: seed must be a 48-bit value, got " + Long.toHexString(s));
        }
        boolean valid = flag == 1 ? Double.isFinite(cached) : flag == 0 && Double.doubleToRawLongBits(cached) == 0;
        if (!valid) {
            throw new IllegalArgumentException("setState: corrupt cached Gaussian (flag " + flag + ", value "
                    + cached + ")");
        }
        seed = s;
        haveNextNextGaussian = flag == 1;
        nextNextGaussian = cached;
    }

    /** The next {@code bits} (1..32) pseudo-random bits: one step of the LCG. */
    private int next(int bits) {
        seed = (seed * MULTIPLIER + ADDEND) & MASK;
        return (int) (seed >>> (48 - bits));
    }

    /** Uniform in [0, bound), without modulo bias (rejection), as {@link java.util.Random#nextInt(int)}. */
    public synchronized int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        int r = next(31);
        int m = bound - 1;
        if ((bound & m) == 0) return (int) ((bound * (long) r) >> 31); // a power of two: the high bits
        for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
            // u fell in the incomplete last block of size bound: draw again
        }
        return r;
    }

    /** Uniform over all longs, as {@link java.util.Random#nextLong()}. */
    public synchronized long nextLong() {
        return ((long) next(32) << 32) + next(32);
    }

    /** Uniform in [0, 1) on the 2⁻⁵³ grid, as {@link java.util.Random#nextDouble()}. */
    public synchronized double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * DOUBLE_UNIT;
    }

    /** Standard normal, as {@link java.util.Random#nextGaussian()} (polar method, StrictMath). */
    public synchronized double nextGaussian() {
        if (haveNextNextGaussian) {
            haveNextNextGaussian = false;
            return nextNextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextNextGaussian = v2 * multiplier;
        haveNextNextGaussian = true;
        return v1 * multiplier;
    }

    @Override
    public String toString() {
        return "Generator(state=" + Long.toHexString(seed) + (haveNextNextGaussian ? ", gaussian cached" : "") + ")";
    }
}
