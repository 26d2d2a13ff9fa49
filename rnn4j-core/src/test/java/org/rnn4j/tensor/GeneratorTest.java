package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Generator reproduces java.util.Random draw for draw (the oracle is the JDK's own Random, which
 * rnn4j used before generators: the same seed must still give the same weights), and its state
 * round-trips exactly and rejects foreign bytes.
 */
class GeneratorTest {
    private static final long[] SEEDS = {0, 1, -1, 42, 7, Long.MIN_VALUE, Long.MAX_VALUE, 0x5DEECE66DL,
        123456789012345L, 1L << 48, -(1L << 47)};

    @Test
    void everyKindOfDrawMatchesJavaUtilRandomOverManySeeds() {
        SplittableRandom pick = new SplittableRandom(2024);
        long[] seeds = new long[SEEDS.length + 40];
        System.arraycopy(SEEDS, 0, seeds, 0, SEEDS.length);
        for (int i = SEEDS.length; i < seeds.length; i++) seeds[i] = pick.nextLong();
        int[] bounds = {1, 2, 3, 7, 10, 16, 100, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE};
        for (long seed : seeds) {
            Random ref = new Random(seed);
            Generator g = new Generator(seed);
            for (int i = 0; i < 5_000; i++) {
                int kind = pick.nextInt(4); // interleaved, so a cached Gaussian must survive other draws
                String where = "seed " + seed + ", draw " + i + ", kind " + kind;
                switch (kind) {
                    case 0 -> assertEquals(Double.doubleToRawLongBits(ref.nextGaussian()),
                            Double.doubleToRawLongBits(g.nextGaussian()), where);
                    case 1 -> assertEquals(Double.doubleToRawLongBits(ref.nextDouble()),
                            Double.doubleToRawLongBits(g.nextDouble()), where);
                    case 2 -> {
                        int bound = bounds[pick.nextInt(bounds.length)];
                        assertEquals(ref.nextInt(bound), g.nextInt(bound), where + ", bound " + bound);
                    }
                    default -> assertEquals(ref.nextLong(), g.nextLong(), where);
                }
            }
        }
    }

    @Test
    void longRunsOfGaussiansAndDoublesMatch() {
        Random ref = new Random(99);
        Generator g = new Generator(99);
        for (int i = 0; i < 200_000; i++) assertEquals(ref.nextGaussian(), g.nextGaussian(), "gaussian " + i);
        for (int i = 0; i < 200_000; i++) assertEquals(ref.nextDouble(), g.nextDouble(), "double " + i);
    }

    @Test
    void tensorsFromAGeneratorAreJavaUtilRandomRoundedToFloat() {
        Random ref = new Random(5);
        float[] n = Tensor.randn(new Generator(5), 3, 4).toFloatArray();
        for (int i = 0; i < n.length; i++) assertEquals((float) ref.nextGaussian(), n[i], "randn " + i);
        ref = new Random(6);
        float[] u = Tensor.rand(new Generator(6), 1000).toFloatArray();
        for (int i = 0; i < u.length; i++) {
            assertEquals((float) ref.nextDouble(), u[i], "rand " + i);
            assertTrue(u[i] >= 0f && u[i] <= 1f);
        }
    }

    @Test
    void theDefaultGeneratorIsWhatManualSeedSeeds() {
        Tensor.manualSeed(11);
        float[] viaDefault = Tensor.randn(5).toFloatArray();
        float[] fresh = Tensor.randn(new Generator(11), 5).toFloatArray();
        assertArrayEquals(fresh, viaDefault);
        Tensor.manualSeed(11);
        assertEquals(new Generator(11).nextDouble(), Generator.defaultGenerator().nextDouble());
    }

    @Test
    void aSavedStateReplaysTheSameDrawsIncludingACachedGaussian() {
        Generator g = new Generator(3);
        g.nextGaussian(); // leaves the pair's second value cached
        byte[] state = g.getState();
        double[] expected = {g.nextGaussian(), g.nextGaussian(), g.nextDouble(), g.nextInt(1000)};
        Generator other = new Generator(-8);
        other.nextGaussian();
        other.setState(state);
        double[] replay = {other.nextGaussian(), other.nextGaussian(), other.nextDouble(), other.nextInt(1000)};
        assertArrayEquals(expected, replay);
        assertArrayEquals(Tensor.randn(new Generator(1).manualSeed(4), 9).toFloatArray(),
                Tensor.randn(restored(new Generator(4).getState()), 9).toFloatArray());
    }

    @Test
    void manualSeedForgetsACachedGaussian() {
        Generator g = new Generator(1);
        g.nextGaussian();
        g.manualSeed(1);
        assertEquals(new Random(1).nextGaussian(), g.nextGaussian());
        assertArrayEquals(new Generator(1).getState(), new Generator(1).manualSeed(1).getState());
    }

    @Test
    void badStatesAreRejectedAndLeaveTheGeneratorUnchanged() {
        Generator g = new Generator(12);
        byte[] good = g.getState();
        assertBad(g, null, "must not be null");
        assertBad(g, new byte[0], "size to be 0");
        assertBad(g, new byte[5056], "size to be 5056"); // a PyTorch CPU generator state
        assertBad(g, Arrays.copyOf(good, good.length + 1), "of size " + good.length);
        byte[] header = good.clone();
        header[0] ^= 1;
        assertBad(g, header, "not an rnn4j generator state");
        byte[] version = good.clone();
        version[4] = 2;
        assertBad(g, version, "not an rnn4j generator state");
        byte[] seed = good.clone();
        seed[5] = 1; // a bit above the 48-bit LCG state
        assertBad(g, seed, "48-bit");
        byte[] flag = good.clone();
        flag[13] = 2;
        assertBad(g, flag, "flag 2");
        byte[] stale = good.clone();
        stale[21] = 1; // a cached value without the flag
        assertBad(g, stale, "corrupt cached Gaussian");
        byte[] nan = good.clone();
        nan[13] = 1;
        nan[14] = (byte) 0x7f;
        nan[15] = (byte) 0xf8;
        assertBad(g, nan, "NaN");
        assertArrayEquals(good, g.getState(), "unchanged after the rejected states");
        assertEquals(new Generator(12).nextLong(), g.nextLong());
    }

    @Test
    void badArgumentsNameThemselves() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Generator(0).nextInt(0))
                .getMessage().contains("bound must be positive, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.randn((Generator) null, 2))
                .getMessage().contains("'generator'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.rand((Generator) null, 2))
                .getMessage().contains("'generator'"));
    }

    @Test
    void differentSeedsGiveDifferentStates() {
        assertNotEquals(Arrays.toString(new Generator(1).getState()), Arrays.toString(new Generator(2).getState()));
    }

    private static Generator restored(byte[] state) {
        Generator g = new Generator(0);
        g.setState(state);
        return g;
    }

    private static void assertBad(Generator g, byte[] state, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.setState(state));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
