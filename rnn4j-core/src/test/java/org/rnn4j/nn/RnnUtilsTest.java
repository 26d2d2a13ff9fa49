package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * RnnUtils: PyTorch's documented examples of torch.nn.utils.rnn (their numbers are PyTorch's), and
 * round trips: pack then pad gives the input back with the padding zeroed or set to paddingValue,
 * and the padding gets no gradient. The packing of real module inputs is checked against PyTorch's
 * in {@code parity.PackedParityTest}.
 */
class RnnUtilsTest {

    /** pad_packed_sequence's docstring: unsorted, batch_first. */
    @Test
    void pytorchDocExampleUnsortedBatchFirst() {
        Tensor seq = Tensor.of(new float[] {1, 2, 0, 3, 0, 0, 4, 5, 6}, 3, 3);
        PackedSequence packed = RnnUtils.packPaddedSequence(seq, new int[] {2, 1, 3}, true, false);
        assertArrayEquals(new float[] {4, 1, 3, 5, 2, 6}, packed.data().toFloatArray());
        assertArrayEquals(new int[] {3, 2, 1}, packed.batchSizes());
        assertArrayEquals(new int[] {2, 0, 1}, packed.sortedIndices());
        assertArrayEquals(new int[] {1, 2, 0}, packed.unsortedIndices());
        assertEquals("PackedSequence(data=[6], batch_sizes=[3, 2, 1], sorted_indices=[2, 0, 1], "
                + "unsorted_indices=[1, 2, 0])", packed.toString());
        PaddedSequence back = RnnUtils.padPackedSequence(packed, true);
        assertArrayEquals(seq.toFloatArray(), back.data().toFloatArray());
        assertArrayEquals(new int[] {3, 3}, back.data().shape());
        assertArrayEquals(new int[] {2, 1, 3}, back.lengths());
    }

    /** pack_sequence's docstring: sorted, no indices. */
    @Test
    void pytorchDocExamplePackSequence() {
        PackedSequence p = RnnUtils.packSequence(List.of(Tensor.of(new float[] {1, 2, 3}, 3),
                Tensor.of(new float[] {4, 5}, 2), Tensor.of(new float[] {6}, 1)));
        assertArrayEquals(new float[] {1, 4, 6, 2, 5, 3}, p.data().toFloatArray());
        assertArrayEquals(new int[] {3, 2, 1}, p.batchSizes());
        assertNull(p.sortedIndices());
        assertNull(p.unsortedIndices());
        assertArrayEquals(new int[] {3, 2, 1}, p.lengths());
    }

    /** pad_sequence's docstring: three sequences of 25, 22, 15 steps of 300 features. */
    @Test
    void pytorchDocExamplePadSequence() {
        Tensor padded = RnnUtils.padSequence(List.of(Tensor.ones(25, 300), Tensor.ones(22, 300), Tensor.ones(15, 300)));
        assertArrayEquals(new int[] {25, 3, 300}, padded.shape());
        assertEquals(1f, padded.get(21, 1, 299));
        assertEquals(0f, padded.get(22, 1, 0));
        assertEquals(0f, padded.get(15, 2, 7));
        Tensor bf = RnnUtils.padSequence(List.of(Tensor.ones(2, 1), Tensor.ones(1, 1)), true, -1f);
        assertArrayEquals(new float[] {1, 1, 1, -1}, bf.toFloatArray());
        assertArrayEquals(new int[] {2, 2, 1}, bf.shape());
    }

    @ParameterizedTest(name = "batchFirst={0} enforceSorted={1} padding={2} totalLength={3}")
    @CsvSource({"false, false, 0, 0", "true, false, 2.5, 0", "false, true, -1, 9", "true, true, 0, 7"})
    void packThenPadIsTheInputWithItsPaddingReplaced(boolean batchFirst, boolean enforceSorted, float padding,
                                                     int totalLength) {
        Tensor.manualSeed(3);
        int steps = 7;
        int[] lengths = enforceSorted ? new int[] {7, 5, 5, 2, 1} : new int[] {2, 7, 1, 5, 5};
        int batch = lengths.length;
        Tensor x = (batchFirst ? Tensor.randn(batch, steps, 2, 3) : Tensor.randn(steps, batch, 2, 3)).requiresGrad(true);
        PackedSequence packed = RnnUtils.packPaddedSequence(x, lengths, batchFirst, enforceSorted);
        assertArrayEquals(new int[] {20, 2, 3}, packed.data().shape());
        assertArrayEquals(new int[] {5, 4, 3, 3, 3, 1, 1}, packed.batchSizes());
        assertArrayEquals(lengths, packed.lengths());
        PaddedSequence y = RnnUtils.padPackedSequence(packed, batchFirst, padding, totalLength);
        int outSteps = totalLength == 0 ? steps : totalLength;
        assertArrayEquals(batchFirst ? new int[] {batch, outSteps, 2, 3} : new int[] {outSteps, batch, 2, 3},
                y.data().shape());
        assertArrayEquals(lengths, y.lengths());
        Tensor seed = Tensor.randn(y.data().shape());
        y.data().mul(seed).sum().backward();
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < outSteps; t++) {
                Tensor got = at(y.data(), batchFirst, t, b);
                if (t < lengths[b]) {
                    assertArrayEquals(at(x, batchFirst, t, b).toFloatArray(), got.toFloatArray(), "t=" + t + " b=" + b);
                    assertArrayEquals(at(seed, batchFirst, t, b).toFloatArray(), at(x.grad(), batchFirst, t, b).toFloatArray(),
                            "grad t=" + t + " b=" + b);
                } else {
                    for (float v : got.toFloatArray()) assertEquals(padding, v, "padding t=" + t + " b=" + b);
                    if (t < steps) {
                        for (float v : at(x.grad(), batchFirst, t, b).toFloatArray()) assertEquals(0f, v, "grad of padding");
                    }
                }
            }
        }
    }

    private static Tensor at(Tensor padded, boolean batchFirst, int t, int b) {
        return batchFirst ? padded.select(0, b).select(0, t) : padded.select(0, t).select(0, b);
    }

    @Test
    void packSequenceUnsortedKeepsTheCallersOrderAndGradients() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2, 1).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {3, 4, 5}, 3, 1).requiresGrad(true);
        Tensor c = Tensor.of(new float[] {6, 7, 8}, 3, 1).requiresGrad(true);
        PackedSequence p = RnnUtils.packSequence(List.of(a, b, c), false);
        assertArrayEquals(new int[] {1, 2, 0}, p.sortedIndices(), "ties keep their order (stable sort)");
        assertArrayEquals(new float[] {3, 6, 1, 4, 7, 2, 5, 8}, p.data().toFloatArray());
        p.data().mul(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 8, 1)).sum().backward();
        assertArrayEquals(new float[] {3, 6}, a.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 4, 7}, b.grad().toFloatArray());
        assertArrayEquals(new float[] {2, 5, 8}, c.grad().toFloatArray());
    }

    /** Labels can be packed like the data (PyTorch packs any dtype), without autograd. */
    @Test
    void int64LabelsPackAndPad() {
        Tensor labels = Tensor.ofLongs(new long[] {10, 20, 11, 21, 12, 22}, 3, 2);
        PackedSequence p = RnnUtils.packPaddedSequence(labels, new int[] {1, 3}, false, false);
        assertEquals(DType.INT64, p.data().dtype());
        assertArrayEquals(new long[] {20, 10, 21, 22}, p.data().toLongArray());
        assertArrayEquals(new long[] {10, 20, -1, 21, -1, 22},
                RnnUtils.padPackedSequence(p, false, -1f, 0).data().toLongArray());
        Tensor lengths = Tensor.ofLongs(new long[] {1, 3}, 2);
        assertArrayEquals(p.data().toLongArray(),
                RnnUtils.packPaddedSequence(labels, lengths, false, false).data().toLongArray());
    }

    /** Re-wrapping data with a packing's structure, as PyTorch's PackedSequence constructor. */
    @Test
    void constructorComputesTheInverse() {
        PackedSequence p = new PackedSequence(Tensor.zeros(4, 2), new int[] {2, 1, 1}, new int[] {1, 0}, null);
        assertArrayEquals(new int[] {1, 0}, p.unsortedIndices());
        assertArrayEquals(new int[] {1, 3}, p.lengths());
        assertEquals(2, p.batchSize());
        int[] sizes = p.batchSizes();
        sizes[0] = 99;
        assertArrayEquals(new int[] {2, 1, 1}, p.batchSizes(), "a copy");
    }
}
