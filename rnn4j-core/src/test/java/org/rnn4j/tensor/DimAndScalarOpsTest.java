package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.rnn4j.tensor.TensorBadInputTest.fails;

import org.junit.jupiter.api.Test;

/**
 * Edge cases of the ops of issue 12 that PyTorch 1.13 was asked about by hand (values in the
 * comments are its answers), and their bad input: IllegalArgumentException naming the op, the
 * argument, the dtypes and shapes in PyTorch's words, IndexOutOfBoundsException for a dim.
 */
class DimAndScalarOpsTest {
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IndexOutOfBoundsException> IOOBE = IndexOutOfBoundsException.class;
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    private static Tensor t(float... v) {
        return Tensor.of(v, v.length);
    }

    private static float[] grad(Tensor x) {
        return x.grad().toFloatArray();
    }

    @Test
    void amaxSplitsTheGradientAmongTiesAndPropagatesNaN() {
        Tensor x = t(1, 3, 3, 2).requiresGrad(true);
        x.amax(0, false).backward();
        assertArrayEquals(new float[] {0, 0.5f, 0.5f, 0}, grad(x)); // torch: [0.0, 0.5, 0.5, 0.0]
        Tensor y = t(1, NAN, 3, 2).requiresGrad(true);
        Tensor m = y.amax(0, false);
        assertEquals(NAN, m.item());
        m.backward();
        assertArrayEquals(new float[] {NAN, NAN, NAN, NAN}, grad(y)); // torch: all nan
    }

    @Test
    void argmaxTakesTheFirstMaximumAndNaNCountsAsMaximum() {
        assertArrayEquals(new long[] {1}, t(1, NAN, 3, NAN).argmax(0, true).toLongArray()); // torch: 1
        assertArrayEquals(new long[] {0}, t(3, 1, 3).argmax(0, false).toLongArray()); // torch: 0
        assertArrayEquals(new int[0], Tensor.scalar(1f).argmax(0, true).shape()); // 0-dim stays 0-dim
        assertEquals(DType.INT64, t(1, 2).argmax(-1, false).dtype());
        assertArrayEquals(new long[] {5}, Tensor.ofLongs(new long[] {1, 5, 2}, 3).amax(0, true).toLongArray());
        assertArrayEquals(new long[] {1}, Tensor.ofLongs(new long[] {1, 5, 2}, 3).argmax(0, true).toLongArray());
    }

    @Test
    void softmaxFamilyAtTheExtremes() {
        assertArrayEquals(new float[] {1}, Tensor.scalar(2f).softmax(0).toFloatArray()); // torch: 1.
        assertArrayEquals(new float[] {0, Float.NEGATIVE_INFINITY}, t(0, Float.NEGATIVE_INFINITY).logSoftmax(0)
                .toFloatArray());
        assertArrayEquals(new float[] {NAN, NAN}, t(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY).softmax(0)
                .toFloatArray());
        assertEquals(Float.NEGATIVE_INFINITY, t(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY).logsumexp(0, false)
                .item()); // torch: -inf
        assertEquals(INF, t(INF, 1).logsumexp(0, false).item());
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                Tensor.zeros(2, 0).logsumexp(1, false).toFloatArray()); // torch: [-inf, -inf]
        assertArrayEquals(new float[] {NAN, NAN}, Tensor.zeros(2, 0).mean(1, false).toFloatArray()); // torch: nan
        // no overflow: e^1000 is never formed
        assertArrayEquals(new float[] {-1000, 0}, t(0, 1000).logSoftmax(0).toFloatArray(), 1e-3f);
        assertEquals(1000 + (float) Math.log(2), t(1000, 1000).logsumexp(0, false).item(), 1e-3f);
    }

    @Test
    void clampAndPowFollowPyTorchAtTheEdges() {
        Tensor x = t(-1, 0, 0.5f, 1, 2).requiresGrad(true);
        x.clamp(0, 1).sum().backward();
        assertArrayEquals(new float[] {0, 1, 1, 1, 0}, grad(x)); // torch: the gradient passes at the bounds
        Tensor y = t(-1, 0, 0.5f, 1, 2).requiresGrad(true);
        Tensor inverted = y.clamp(1, 0);
        inverted.sum().backward();
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, inverted.toFloatArray()); // torch: all max
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, grad(y));
        assertArrayEquals(new float[] {NAN, NAN}, t(-1, 2).clamp(Double.NaN, 1).toFloatArray()); // torch: nan
        assertArrayEquals(new float[] {NAN, 0}, t(NAN, -3).clamp(0, 1).toFloatArray());

        float[][] torch = { // exponent, then value and gradient at 0, -0, -1, 2 (torch 1.13, float32)
            {0f, 1, 1, 1, 1, 0, 0, 0, 0},
            {0.5f, 0, -0f, NAN, 1.4142135f, INF, -INF, NAN, 0.35355338f},
            {1f, 0, -0f, -1, 2, 1, 1, 1, 1},
            {1.5f, 0, 0, NAN, 2.828427f, 0, -0f, NAN, 2.1213202f},
            {2f, 0, 0, 1, 4, 0, -0f, -2, 4},
            {-1f, INF, -INF, -1, 0.5f, -INF, -INF, -1, -0.25f},
            {-0.5f, INF, -INF, NAN, 0.70710677f, -INF, -INF, NAN, -0.17677669f},
            {3f, 0, -0f, -1, 8, 0, 0, 3, 12}};
        for (float[] row : torch) {
            Tensor z = t(0, -0f, -1, 2).requiresGrad(true);
            Tensor p = z.pow(row[0]);
            p.sum().backward();
            assertArrayEquals(new float[] {row[1], row[2], row[3], row[4]}, p.toFloatArray(), 1e-6f, "pow " + row[0]);
            assertArrayEquals(new float[] {row[5], row[6], row[7], row[8]}, grad(z), 1e-6f, "pow grad " + row[0]);
        }
    }

    @Test
    void powOfInfinitiesAsPyTorch() {
        Tensor x = t(Float.NEGATIVE_INFINITY, INF);
        assertArrayEquals(new float[] {NAN, INF}, x.pow(0.5).toFloatArray()); // torch: sqrt(-inf) = nan
        assertArrayEquals(new float[] {NAN, 0}, x.pow(-0.5).toFloatArray());
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, INF}, x.pow(3).toFloatArray());
        assertArrayEquals(new float[] {INF, INF}, x.pow(1.5).toFloatArray());
        assertArrayEquals(new float[] {0, 0}, x.pow(-2).toFloatArray());
    }

    @Test
    void indexOpsOnEdgeShapes() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 3, 5);
        assertArrayEquals(new int[] {4, 0}, x.gather(1, Tensor.ofLongs(new long[0], 4, 0)).shape()); // torch: (4, 0)
        assertArrayEquals(new int[] {2, 9}, x.gather(1, Tensor.ofLongs(new long[18], 2, 9)).shape());
        assertEquals(2f, Tensor.scalar(2f).gather(0, Tensor.ofLongs(new long[] {0})
                .reshape()).item()); // 0-dim input and index
        assertArrayEquals(new float[] {3}, t(2, 3).gather(0, Tensor.ofLongs(new long[] {1}).reshape()).toFloatArray());
        assertArrayEquals(new int[] {3, 1}, x.indexSelect(1, Tensor.ofLongs(new long[] {2}).reshape()).shape());
        assertArrayEquals(new long[] {2}, Tensor.ofLongs(new long[] {1, 2}, 1, 2)
                .gather(1, Tensor.ofLongs(new long[] {1}, 1, 1)).toLongArray()); // INT64 source
        assertArrayEquals(new long[] {2}, Tensor.ofLongs(new long[] {1, 2}, 1, 2)
                .indexSelect(1, Tensor.ofLongs(new long[] {1}, 1)).toLongArray());
        Tensor w = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        w.indexSelect(0, Tensor.ofLongs(new long[] {2, 0, 2}, 3)).sum().backward();
        assertArrayEquals(new float[] {1, 0, 2}, grad(w)); // index_add accumulates the repeated 2
        Tensor v = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        v.gather(0, Tensor.ofLongs(new long[] {1, 1, 1, 0}, 4)).sum().backward();
        assertArrayEquals(new float[] {1, 3, 0}, grad(v)); // scatter_add accumulates
    }

    @Test
    void badInput() {
        Tensor x = Tensor.ones(3, 5);
        Tensor longs = Tensor.ofLongs(new long[] {1, 2}, 2);
        fails(IAE, () -> x.gather(1, Tensor.of(new float[] {0}, 1, 1)), "gather()", "Expected dtype int64 for index",
                "FLOAT32");
        fails(IAE, () -> x.gather(1, Tensor.ofLongs(new long[] {7}, 1, 1)), "gather()",
                "index 7 is out of bounds for dimension 1 with size 5");
        fails(IAE, () -> x.gather(1, Tensor.ofLongs(new long[] {-1}, 1, 1)), "index -1 is out of bounds");
        fails(IAE, () -> x.gather(1, Tensor.ofLongs(new long[] {0}, 1)),
                "Index tensor must have the same number of dimensions as input tensor", "[3, 5]", "[1]");
        fails(IAE, () -> x.gather(1, Tensor.ofLongs(new long[4], 4, 1)),
                "Size does not match at dimension 0 expected index [4, 1] to be smaller than self [3, 5] apart from"
                        + " dimension 1");
        fails(IAE, () -> x.gather(1, null), "gather()", "index", "null");
        fails(IAE, () -> x.indexSelect(1, Tensor.ofLongs(new long[] {0}, 1, 1)),
                "index_select(): Index is supposed to be a vector", "[1, 1]");
        fails(IAE, () -> x.indexSelect(1, Tensor.ofLongs(new long[] {7}, 1)),
                "index_select(): index 7 is out of bounds for dimension 1 with size 5");
        fails(IAE, () -> x.indexSelect(0, Tensor.of(new float[] {0}, 1)), "index_select()", "int64", "FLOAT32");
        String dtypes = "(): expected a tensor of dtype FLOAT32, but got INT64";
        fails(IAE, () -> longs.softmax(0), "softmax" + dtypes);
        fails(IAE, () -> longs.logSoftmax(0), "log_softmax" + dtypes);
        fails(IAE, () -> longs.logsumexp(0, false), "logsumexp" + dtypes);
        fails(IAE, () -> longs.mean(0, false), "mean" + dtypes);
        fails(IAE, () -> longs.clamp(0, 1), "clamp" + dtypes);
        fails(IAE, () -> longs.pow(2), "pow" + dtypes);
        fails(IAE, () -> Tensor.zeros(3, 0).amax(1, false), "amax(): Expected reduction dim 1 to have non-zero size",
                "[3, 0]");
        fails(IAE, () -> Tensor.zeros(3, 0).argmax(-1, true), "argmax(): Expected reduction dim 1");
        assertArrayEquals(new int[] {0}, Tensor.zeros(3, 0).amax(0, false).shape()); // torch: tensor([])
        for (Runnable op : new Runnable[] {() -> x.softmax(2), () -> x.logSoftmax(-3), () -> x.logsumexp(2, true),
            () -> x.amax(5, false), () -> x.argmax(-3, false), () -> x.mean(2, false),
            () -> x.gather(2, Tensor.ofLongs(new long[] {0}, 1, 1)), () -> x.indexSelect(-3, longs)}) {
            fails(IOOBE, op::run, "Dimension out of range (expected to be in range of [-2, 1]");
        }
        assertNull(Tensor.ones(2).argmax(0, false).grad());
    }
}
