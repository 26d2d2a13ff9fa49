package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The order-independent sum that makes treeAggregate's result the same bits every time. */
class ExactSumTest {
    /** The exact sum of the parts' element {@code i} (BigDecimal), rounded to the nearest float. */
    static float reference(List<float[]> parts, int i) {
        BigDecimal s = BigDecimal.ZERO;
        for (float[] p : parts) s = s.add(new BigDecimal(p[i]));
        // JDK 17's BigDecimal.floatValue may be off by an ulp: take the nearest of it and its neighbours
        float f = s.round(new MathContext(60)).floatValue();
        BigDecimal err = s.subtract(new BigDecimal(f)).abs();
        for (float g : new float[] {Math.nextUp(f), Math.nextDown(f)}) {
            BigDecimal e = s.subtract(new BigDecimal(g)).abs();
            if (e.compareTo(err) < 0) {
                f = g;
                err = e;
            }
        }
        return f;
    }

    /** Parts of mixed magnitudes and signs: the hard case for a float sum, whose order then matters. */
    static List<float[]> parts(int count, int length, long seed) {
        Random r = new Random(seed);
        List<float[]> parts = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            float[] v = new float[length];
            for (int i = 0; i < length; i++) {
                v[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(13) - 8));
            }
            parts.add(v);
        }
        parts.get(0)[0] = Float.MIN_VALUE; // a subnormal
        parts.get(1)[0] = 3e-30f;
        parts.get(0)[1] = 1.5e7f;
        parts.get(1)[1] = -1.5e7f;
        return parts;
    }

    static float[] sum(List<float[]> parts) {
        ExactSum s = new ExactSum(parts.get(0).length);
        for (float[] p : parts) s.add(p);
        return s.toFloats();
    }

    @Test
    void anyOrderAndAnyTreeGiveTheSameBitsTheExactSumRoundedOnce() {
        List<float[]> parts = parts(9, 400, 1);
        float[] expected = new float[400];
        for (int i = 0; i < expected.length; i++) expected[i] = reference(parts, i);
        Random r = new Random(2);
        boolean floatOrderMatters = false;
        for (int trial = 0; trial < 20; trial++) {
            List<float[]> shuffled = new ArrayList<>(parts);
            Collections.shuffle(shuffled, r);
            // a random tree: sums of random halves, then their sum
            int cut = 1 + r.nextInt(shuffled.size() - 1);
            ExactSum left = new ExactSum(400);
            ExactSum right = new ExactSum(400);
            for (float[] p : shuffled.subList(0, cut)) left.add(p);
            for (float[] p : shuffled.subList(cut, shuffled.size())) right.add(p);
            right.add(left);
            float[] got = right.toFloats();
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
                        "element " + i + ": " + expected[i] + " vs " + got[i]);
            }
            float[] naive = new float[400];
            for (float[] p : shuffled) for (int i = 0; i < 400; i++) naive[i] += p[i];
            for (int i = 0; i < 400; i++) floatOrderMatters |= naive[i] != expected[i];
        }
        assertTrue(floatOrderMatters, "the parts are hard enough that a plain float sum depends on the order");
    }

    @Test
    void nonFiniteOrHugePartsAndOverflowingTotalsAreNaN() {
        float[] a = {1f, Float.NaN, Float.POSITIVE_INFINITY, 0x1p26f, 0x1.fffffep25f, -0.5f};
        float[] b = {2f, 1f, 1f, 0f, 0x1.fffffep25f, 0.25f};
        ExactSum s = new ExactSum(6);
        s.add(a);
        s.add(b);
        float[] t = s.toFloats();
        assertEquals(3f, t[0]);
        assertTrue(Float.isNaN(t[1]) && Float.isNaN(t[2]) && Float.isNaN(t[3]), java.util.Arrays.toString(t));
        assertEquals(2 * 0x1.fffffep25f, t[4], "just under 2^27 still fits");
        assertEquals(-0.25f, t[5]);
        ExactSum more = new ExactSum(6);
        more.add(b);
        s.add(more);
        assertTrue(Float.isNaN(s.toFloats()[4]), "three of them pass 2^27");
        assertThrows(IllegalArgumentException.class, () -> s.add(new float[3]));
    }

    @Test
    void gradientSumsCombineLikeTreeAggregatesPartsInAnyOrder() {
        List<float[]> parts = parts(5, 50, 3);
        GradientSum ab = GradientSum.of(parts.get(0), 5).plus(GradientSum.of(parts.get(1), 7));
        GradientSum cde = GradientSum.of(parts.get(2), 1).plus(GradientSum.of(parts.get(3), 9))
                .plus(GradientSum.of(parts.get(4), 2));
        GradientSum all = GradientSum.empty().plus(cde).plus(ab);
        assertEquals(5, all.parts());
        assertEquals(9, all.maxNanos());
        assertEquals(24, all.sumNanos());
        float[] direct = sum(parts);
        float[] total = all.total();
        for (int i = 0; i < direct.length; i++) assertEquals(Float.floatToRawIntBits(direct[i]), Float.floatToRawIntBits(total[i]));
        float[] one = parts.get(0).clone();
        assertEquals(Float.floatToRawIntBits(one[7]), Float.floatToRawIntBits(GradientSum.of(one, 0).total()[7]),
                "one part is its own floats");
        assertThrows(IllegalStateException.class, () -> GradientSum.empty().total());
    }

    @Test
    void slicesAreContiguousNearEqualAndCoverTheBatchInOrder() {
        int[] origins = new int[10];
        for (int i = 0; i < origins.length; i++) origins[i] = 100 + i;
        List<SliceGradient.Slice> s = SparkGradients.slices(origins, 4);
        assertEquals(4, s.size());
        int[][] expected = {{100, 101}, {102, 103, 104}, {105, 106}, {107, 108, 109}};
        for (int i = 0; i < 4; i++) {
            assertEquals(i, s.get(i).index());
            assertEquals(10, s.get(i).batchSize());
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected[i], s.get(i).origins());
        }
        assertEquals(0, SparkGradients.slices(new int[] {1, 2}, 3).get(0).origins().length, "more parts than windows");
    }
}
