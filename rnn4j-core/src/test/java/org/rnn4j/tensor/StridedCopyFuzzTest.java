package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Strided views copied to row-major (toFloatArray, contiguous) and broadcast binary ops walk the
 * view with an odometer instead of a table of positions: over random shapes (rank 1 to 4, sizes
 * 0 to 4), transposed and narrowed views, and broadcasting, each result must equal a reference
 * that reads every element through {@link Tensor#get}.
 */
class StridedCopyFuzzTest {
    @Property(tries = 300)
    void aStridedViewCopiesAsItsElementsReadOneByOne(@ForAll @IntRange(min = 1, max = 4) int rank, @ForAll long seed) {
        Random random = new Random(seed);
        Tensor view = view(random, rank);
        float[] copy = view.toFloatArray();
        assertEquals(view.numel(), copy.length);
        float[] expected = reference(view);
        assertArrayEquals(expected, copy, 0f);
        assertArrayEquals(expected, view.contiguous().toFloatArray(), 0f);
    }

    @Property(tries = 300)
    void aBroadcastSumEqualsTheElementwiseSum(@ForAll @IntRange(min = 1, max = 4) int rank, @ForAll long seed) {
        Random random = new Random(seed);
        Tensor a = view(random, rank);
        int[] shape = a.shape();
        int[] bShape = shape.clone();
        for (int d = 0; d < rank; d++) if (random.nextBoolean()) bShape[d] = 1; // broadcast along d
        Tensor b = Tensor.randn(bShape);
        if (random.nextBoolean() && rank >= 2 && bShape[0] == bShape[1]) b = b.transpose(0, 1);
        Tensor sum = a.add(b);
        float[] got = sum.toFloatArray();
        int[] index = new int[rank];
        int[] bIndex = new int[rank];
        for (int i = 0; i < got.length; i++) {
            int rest = i;
            for (int d = rank - 1; d >= 0; d--) {
                index[d] = rest % shape[d];
                rest /= shape[d];
                bIndex[d] = b.shape()[d] == 1 ? 0 : index[d];
            }
            assertEquals(a.get(index) + b.get(bIndex), got[i], 0f, "element " + i);
        }
    }

    /** A random view of rank r: a tensor with one dimension longer, narrowed, then permuted by transposes. */
    private static Tensor view(Random random, int rank) {
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) shape[d] = random.nextInt(5);
        int[] base = shape.clone();
        int grown = random.nextInt(rank);
        base[grown] += 2;
        Tensor t = Tensor.randn(base).narrow(grown, random.nextInt(3), shape[grown]);
        for (int i = 0; i < 2 && rank >= 2; i++) t = t.transpose(random.nextInt(rank), random.nextInt(rank));
        return t;
    }

    private static float[] reference(Tensor t) {
        int[] shape = t.shape();
        float[] out = new float[t.numel()];
        int[] index = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            int rest = i;
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            out[i] = t.get(index);
        }
        return out;
    }
}
