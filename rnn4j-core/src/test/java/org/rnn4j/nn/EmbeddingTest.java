package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnn4j.nn.ModuleBadInputTest.fails;

import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.rnn4j.optim.SGD;
import org.rnn4j.tensor.GradCheck;
import org.rnn4j.tensor.Tensor;

/**
 * Embedding beyond the PyTorch fixtures (ModuleParityTest): finite-difference gradients, the
 * N(0, 1) initialisation and zeroed padding row, a padding row that training leaves alone, strided
 * indices, pretrained weights, accessors, and bad input.
 */
class EmbeddingTest {
    private static Tensor longs(int[] shape, long... v) {
        return Tensor.ofLongs(v, shape);
    }

    @Test
    void weightGradientMatchesFiniteDifferencesWithRepeatedIndices() {
        Tensor.manualSeed(11);
        Embedding e = new Embedding(6, 4);
        Tensor idx = longs(new int[] {2, 5}, 3, 1, 3, 0, 5, 1, 1, 3, 2, 0);
        GradCheck.check("embedding", in -> e.forward(idx), e.weight());
        // Row 4 is never looked up: no gradient at all (not even a stray value).
        float[] g = e.weight().grad().toFloatArray();
        for (int j = 0; j < 4; j++) assertEquals(0f, g[4 * 4 + j]);
    }

    @Test
    void gradientThroughFollowingOpsMatchesFiniteDifferences() {
        Tensor.manualSeed(12);
        Embedding e = new Embedding(5, 3);
        Tensor idx = longs(new int[] {4}, 4, 0, 4, 2);
        GradCheck.check("embedding-then-tanh-product", in -> e.forward(idx).tanh().mul(e.forward(idx)), e.weight());
    }

    @Test
    void initialisationIsStandardNormalFromTheDefaultGenerator() {
        Tensor.manualSeed(7);
        Embedding a = new Embedding(200, 100);
        Tensor.manualSeed(7);
        Tensor expected = Tensor.randn(200, 100);
        assertArrayEquals(expected.toFloatArray(), a.weight().toFloatArray(), "weight = randn(num, dim) drawn first");
        float[] w = a.weight().toFloatArray();
        double mean = 0;
        for (float v : w) mean += v;
        mean /= w.length;
        double var = 0;
        for (float v : w) var += (v - mean) * (v - mean);
        var /= w.length - 1;
        // 20000 samples: standard error of the mean 0.007, of the variance about 0.01.
        assertEquals(0, mean, 5 * Math.sqrt(1.0 / w.length), "mean");
        assertEquals(1, var, 5 * Math.sqrt(2.0 / w.length), "variance");
        assertTrue(a.weight().requiresGrad());
    }

    @Test
    void paddingRowStartsAtZeroAndTrainingLeavesItThere() {
        Tensor.manualSeed(3);
        Embedding e = new Embedding(5, 3, Embedding.options().paddingIdx(-2));
        assertEquals(OptionalInt.of(3), e.paddingIdx(), "negative padding_idx counts from the end");
        assertEquals("Embedding(5, 3, padding_idx=3)", e.toString());
        for (int j = 0; j < 3; j++) assertEquals(0f, e.weight().get(3, j));
        float[] before = e.weight().toFloatArray();
        SGD sgd = new SGD(e.parameters(), 0.1);
        for (int step = 0; step < 3; step++) {
            sgd.zeroGrad();
            e.forward(longs(new int[] {6}, 3, 3, 1, 0, 3, 4)).square().sum().backward();
            sgd.step();
        }
        for (int j = 0; j < 3; j++) assertEquals(0f, e.weight().get(3, j), "padding row after training");
        assertTrue(e.weight().get(1, 0) != before[3], "a looked-up row is trained");
    }

    @Test
    void stridedAndEmptyIndices() {
        Tensor.manualSeed(4);
        Embedding e = new Embedding(7, 2);
        Tensor idx = longs(new int[] {2, 3}, 0, 1, 2, 6, 5, 4).transpose(0, 1); // [3, 2]: 0 6 / 1 5 / 2 4
        Tensor y = e.forward(idx);
        assertArrayEquals(new int[] {3, 2, 2}, y.shape());
        long[] order = {0, 6, 1, 5, 2, 4};
        for (int i = 0; i < order.length; i++) {
            for (int j = 0; j < 2; j++) assertEquals(e.weight().get((int) order[i], j), y.get(i / 2, i % 2, j));
        }
        Tensor none = e.forward(Tensor.ofLongs(new long[0], 0, 5));
        assertArrayEquals(new int[] {0, 5, 2}, none.shape());
        Tensor scalar = e.forward(Tensor.ofLongs(new long[] {6}));
        assertArrayEquals(new int[] {2}, scalar.shape());
    }

    @Test
    void fromPretrainedSharesTheWeightAndFreezes() {
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Embedding frozen = Embedding.fromPretrained(w, true);
        assertFalse(frozen.weight().requiresGrad(), "freeze: the weight does not require grad");
        assertEquals(1, frozen.parameters().size(), "a frozen weight is still a parameter (and in the state dict)");
        Tensor y = frozen.forward(longs(new int[] {2}, 2, 0));
        assertFalse(y.requiresGrad());
        assertArrayEquals(new float[] {5, 6, 1, 2}, y.toFloatArray());
        w.fill(9f); // PyTorch's from_pretrained shares the tensor's storage
        assertEquals(9f, frozen.weight().get(0, 0));

        Embedding trainable = Embedding.fromPretrained(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), false,
                Embedding.options().paddingIdx(0));
        assertTrue(trainable.weight().requiresGrad());
        assertEquals(1f, trainable.weight().get(0, 0), "a pretrained padding row is not zeroed");
        trainable.forward(longs(new int[] {3}, 0, 1, 1)).sum().backward();
        assertArrayEquals(new float[] {0, 0, 2, 2}, trainable.weight().grad().toFloatArray());

        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1); // not contiguous
        assertArrayEquals(new float[] {3, 6}, Embedding.fromPretrained(t, true).forward(longs(new int[0], 2))
                .toFloatArray());
    }

    @Test
    void accessorsRebuildTheModule() {
        Embedding e = new Embedding(9, 4, Embedding.options().paddingIdx(-1));
        assertEquals(9, e.numEmbeddings());
        assertEquals(4, e.embeddingDim());
        assertEquals(OptionalInt.of(8), e.paddingIdx());
        Embedding twin = new Embedding(e.numEmbeddings(), e.embeddingDim(), e.config());
        assertEquals(e.toString(), twin.toString());
        assertEquals(OptionalInt.empty(), new Embedding(3, 2).paddingIdx());
        assertEquals("Embedding(3, 2)", new Embedding(3, 2).toString());
        assertEquals(OptionalInt.empty(), Embedding.options().paddingIdx());
        assertSame(e.weight(), e.namedParameters().get("weight"));
    }

    @Test
    void anIndexOutOfRangeIsNamedAndNothingIsComputed() {
        Tensor.manualSeed(5);
        Embedding e = new Embedding(10, 3);
        fails(() -> e.forward(longs(new int[] {2, 2}, 1, 2, 10, 3)), "index 10", "position [1, 0]", "[0, 10)");
        fails(() -> e.forward(longs(new int[] {3}, 0, -1, 4)), "index -1", "position [1]", "[0, 10)");
        assertNull(e.weight().grad());
        fails(() -> e.forward(Tensor.of(new float[] {1, 2}, 2)), "INT64", "FLOAT32");
        fails(() -> e.forward(null), "indices must not be null");
    }

    @Test
    void badConstructorArguments() {
        fails(() -> new Embedding(10, 3, Embedding.options().paddingIdx(10)), "Padding_idx must be within num_embeddings",
                "got 10");
        fails(() -> new Embedding(10, 3, Embedding.options().paddingIdx(-11)), "Padding_idx must be within num_embeddings",
                "-10 <= padding_idx < 10", "got -11");
        fails(() -> new Embedding(-1, 3), "negative dimension", "-1");
        fails(() -> new Embedding(3, 2, null), "options must not be null");
        fails(() -> Embedding.fromPretrained(Tensor.zeros(3), true), "expected to be 2-dimensional", "[3]");
        fails(() -> Embedding.fromPretrained(Tensor.ofLongs(new long[] {1, 2}, 1, 2), true), "FLOAT32", "INT64");
        fails(() -> Embedding.fromPretrained(null, true), "must not be null");
        assertEquals("[0, 3]", Arrays.toString(new Embedding(0, 3).weight().shape()));
    }
}
