package org.rnn4j.nn;

import static org.rnn4j.nn.ModuleBadInputTest.fails;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

/**
 * Bad lengths, packings and states: an IllegalArgumentException with PyTorch's words (checked
 * against PyTorch 1.13's text) and the offending value. PyTorch 1.13 does not check a length
 * longer than the padded input (it reads past the end); rnn4j does.
 */
class PackedBadInputTest {
    private final Tensor x = Tensor.zeros(3, 2, 4);  // [T, B, I]

    @Test
    void lengths() {
        fails(() -> RnnUtils.packPaddedSequence(x, new int[] {3, 0}),
                "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0",
                "lengths[1] = 0");
        fails(() -> RnnUtils.packPaddedSequence(x, new int[] {3, -1}, false, false), "greater than 0", "lengths[1] = -1");
        fails(() -> RnnUtils.packPaddedSequence(x, new int[] {4, 2}), "at most the padded sequence length 3",
                "input.size(0)", "lengths[0] = 4");
        fails(() -> RnnUtils.packPaddedSequence(Tensor.zeros(2, 3, 4), new int[] {4, 2}, true, false),
                "at most the padded sequence length 3", "input.size(1)", "lengths[0] = 4");
        fails(() -> RnnUtils.packPaddedSequence(x, new int[] {3}),
                "Expected `len(lengths)` to be equal to batch_size, but got 1 (batch_size=2)");
        fails(() -> RnnUtils.packPaddedSequence(x, new int[] {3, 2, 1}), "but got 3 (batch_size=2)");
        fails(() -> RnnUtils.packPaddedSequence(x, new int[] {2, 3}),
                "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass "
                        + "`enforce_sorted=False`", "lengths[0] = 2 < lengths[1] = 3");
        fails(() -> RnnUtils.packPaddedSequence(x, (int[]) null), "lengths must not be null");
        fails(() -> RnnUtils.packPaddedSequence(x, Tensor.of(new float[] {3, 2}, 2), false, false),
                "'lengths' argument should be a 1D CPU int64 tensor, but got 1D FLOAT32 tensor");
    }

    @Test
    void inputs() {
        fails(() -> RnnUtils.packPaddedSequence(null, new int[] {1}), "input must not be null");
        fails(() -> RnnUtils.packPaddedSequence(Tensor.zeros(3), new int[] {3}), "T x B x *", "[3]");
        fails(() -> RnnUtils.packSequence(List.of()), "received an empty list of sequences");
        fails(() -> RnnUtils.padSequence(null), "received an empty list of sequences");
        fails(() -> RnnUtils.packSequence(List.of(Tensor.zeros(0, 2))), "Cannot pack empty tensors", "[0, 2]");
        fails(() -> RnnUtils.packSequence(List.of(Tensor.zeros(2, 2), Tensor.zeros(3, 2))),
                "`lengths` array must be sorted in decreasing order");
        fails(() -> RnnUtils.padSequence(List.of(Tensor.zeros(2, 2), Tensor.zeros(3, 3))),
                "sequences[1] has [3], FLOAT32", "[2], FLOAT32");
        fails(() -> RnnUtils.padSequence(List.of(Tensor.zeros(2), Tensor.scalar(1f))), "at least 1-D", "sequences[1]");
        PackedSequence p = RnnUtils.packPaddedSequence(x, new int[] {3, 2});
        fails(() -> RnnUtils.padPackedSequence(p, false, 0f, 2),
                "Expected total_length to be at least the length of the longest sequence in input, but got "
                        + "total_length=2 and max sequence length being 3");
        fails(() -> RnnUtils.padPackedSequence(null), "sequence must not be null");
    }

    @Test
    void packedSequenceConstructor() {
        fails(() -> new PackedSequence(Tensor.zeros(3, 1), new int[] {1, 2}, null, null),
                "batch_sizes must be positive and non-increasing, got [1, 2]");
        fails(() -> new PackedSequence(Tensor.zeros(3, 1), new int[] {2, 0}, null, null), "got [2, 0]");
        fails(() -> new PackedSequence(Tensor.zeros(3, 1), new int[0], null, null), "at least one step");
        fails(() -> new PackedSequence(Tensor.zeros(4, 1), new int[] {2, 1}, null, null),
                "data must have sum(batch_sizes) = 3 rows, got shape [4, 1]");
        fails(() -> new PackedSequence(Tensor.zeros(3, 1), new int[] {2, 1}, new int[] {0, 0}, null),
                "sorted_indices must be a permutation of 0..1", "[0, 0]");
        fails(() -> new PackedSequence(Tensor.zeros(3, 1), new int[] {2, 1}, new int[] {1, 0}, new int[] {0, 1}),
                "unsorted_indices must be the inverse of sorted_indices [1, 0], i.e. [1, 0], got [0, 1]");
        fails(() -> new PackedSequence(null, new int[] {1}, null, null), "data must not be null");
    }

    @Test
    void modulesOnPackedInput() {
        LSTM lstm = new LSTM(4, 3, 2);
        GRU gru = new GRU(4, 3);
        RNN rnn = new RNN(5, 3);
        PackedSequence p = RnnUtils.packPaddedSequence(x, new int[] {3, 2});
        fails(() -> rnn.forward(p), "input.size(-1) must be equal to input_size. Expected 5, got 4");
        PackedSequence p3 = new PackedSequence(Tensor.zeros(5, 2, 4), new int[] {2, 2, 1}, null, null);
        fails(() -> gru.forward(p3), "GRU: input must have 2 dimensions, got 3");
        fails(() -> gru.forward(p, Tensor.zeros(1, 3, 3)), "Expected hidden size (1, 2, 3), got [1, 3, 3]");
        fails(() -> gru.forward(p, Tensor.zeros(2, 3)), "For batched 3-D input, hx should also be 3-D but got 2-D tensor");
        fails(() -> lstm.forward(p, Tensor.zeros(2, 2, 3), Tensor.zeros(2, 1, 3)),
                "Expected hidden[1] size (2, 2, 3), got [2, 1, 3]");
        fails(() -> lstm.forward((PackedSequence) null), "LSTM: input must not be null");
    }
}
