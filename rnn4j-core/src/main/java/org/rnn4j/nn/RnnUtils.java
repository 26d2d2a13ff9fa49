package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * PyTorch's {@code torch.nn.utils.rnn}: packing a batch of sequences of different lengths
 * ({@link PackedSequence}) so that a recurrent module does only the steps each sequence has, and
 * back. All four are differentiable in their float data.
 *
 * <pre>{@code
 * PackedSequence packed = RnnUtils.packPaddedSequence(x, lengths, false, false);  // x [T, B, I]
 * PackedLSTMOutput r = lstm.forward(packed);
 * PaddedSequence y = RnnUtils.padPackedSequence(r.output(), false, 0f, 0);       // [T, B, D*H]
 * r.h();   // [L*D, B, H]: each sequence's state after its own last step, in x's batch order
 * }</pre>
 */
public final class RnnUtils {
    private RnnUtils() {}

    /** {@link #packPaddedSequence(Tensor, int[], boolean, boolean)} time-major, lengths sorted (PyTorch's defaults). */
    public static PackedSequence packPaddedSequence(Tensor input, int[] lengths) {
        return packPaddedSequence(input, lengths, false, true);
    }

    /**
     * Packs a padded batch: step t of sequence b is {@code input[t, b]} ({@code input[b, t]} with
     * batchFirst) for t < lengths[b]; what lies beyond is ignored.
     *
     * @param input         [T, B, *] or [B, T, *]
     * @param lengths       [B], each in [1, T]
     * @param enforceSorted true: lengths must be non-increasing, and the result has no indices;
     *                      false: the batch is sorted by decreasing length (ties keep their order)
     */
    public static PackedSequence packPaddedSequence(Tensor input, int[] lengths, boolean batchFirst,
                                                    boolean enforceSorted) {
        if (input == null) throw new IllegalArgumentException("pack_padded_sequence: input must not be null");
        if (lengths == null) throw new IllegalArgumentException("pack_padded_sequence: lengths must not be null");
        if (input.dim() < 2) {
            throw new IllegalArgumentException("pack_padded_sequence: input must be " + (batchFirst ? "B x T x *" : "T x B x *")
                    + " (at least 2-D), got shape " + Arrays.toString(input.shape()));
        }
        int steps = input.size(batchFirst ? 1 : 0);
        int batch = input.size(batchFirst ? 0 : 1);
        if (lengths.length != batch) {
            throw new IllegalArgumentException("Expected `len(lengths)` to be equal to batch_size, but got "
                    + lengths.length + " (batch_size=" + batch + ")");
        }
        for (int b = 0; b < batch; b++) {
            if (lengths[b] <= 0) {
                throw new IllegalArgumentException("Length of all samples has to be greater than 0, but found an "
                        + "element in 'lengths' that is <= 0 (lengths[" + b + "] = " + lengths[b] + ")");
            }
            if (lengths[b] > steps) {
                throw new IllegalArgumentException("Expected every element of 'lengths' to be at most the padded "
                        + "sequence length " + steps + " (input.size(" + (batchFirst ? 1 : 0) + ")), but got lengths["
                        + b + "] = " + lengths[b]);
            }
        }
        int[] sorted = null;
        if (enforceSorted) {
            for (int b = 1; b < batch; b++) {
                if (lengths[b] > lengths[b - 1]) {
                    throw new IllegalArgumentException("`lengths` array must be sorted in decreasing order when "
                            + "`enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence "
                            + "and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability. "
                            + "(lengths[" + (b - 1) + "] = " + lengths[b - 1] + " < lengths[" + b + "] = " + lengths[b]
                            + ")");
                }
            }
        } else {
            sorted = sortDescending(lengths);
        }
        int longest = 0;
        for (int len : lengths) longest = Math.max(longest, len);
        int[] batchSizes = new int[longest];
        for (int len : lengths) {
            for (int t = 0; t < len; t++) batchSizes[t]++;
        }
        int total = 0;
        for (int size : batchSizes) total += size;
        int[] index = new int[total];
        for (int t = 0, row = 0; t < longest; t++) {
            for (int i = 0; i < batchSizes[t]; i++, row++) {
                int b = sorted == null ? i : sorted[i];
                index[row] = batchFirst ? b * steps + t : t * batch + b;
            }
        }
        int[] shape = input.shape();
        Tensor data = RowGather.gather(input, RowGather.trailing(shape, 2), index, 0f,
                RowGather.reshape(new int[] {total}, shape, 2), "PackPaddedSequenceBackward0");
        return new PackedSequence(data, batchSizes, sorted, null);
    }

    /**
     * {@link #packPaddedSequence(Tensor, int[], boolean, boolean)} with lengths as a 1-D INT64
     * tensor, as PyTorch takes them.
     */
    public static PackedSequence packPaddedSequence(Tensor input, Tensor lengths, boolean batchFirst,
                                                    boolean enforceSorted) {
        if (lengths == null || lengths.dtype() != DType.INT64 || lengths.dim() != 1) {
            throw new IllegalArgumentException("'lengths' argument should be a 1D CPU int64 tensor, but got "
                    + (lengths == null ? "null" : lengths.dim() + "D " + lengths.dtype() + " tensor"));
        }
        long[] l = lengths.toLongArray();
        int[] ints = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            ints[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l[i]));
        }
        return packPaddedSequence(input, ints, batchFirst, enforceSorted);
    }

    /** {@link #padPackedSequence(PackedSequence, boolean, float, int)} time-major, zeros, the longest length. */
    public static PaddedSequence padPackedSequence(PackedSequence sequence) {
        return padPackedSequence(sequence, false, 0f, 0);
    }

    /** {@link #padPackedSequence(PackedSequence, boolean, float, int)} with zeros, to the longest length. */
    public static PaddedSequence padPackedSequence(PackedSequence sequence, boolean batchFirst) {
        return padPackedSequence(sequence, batchFirst, 0f, 0);
    }

    /**
     * The inverse of {@link #packPaddedSequence}: [T, B, *] ([B, T, *] with batchFirst) in the
     * caller's batch order, paddingValue past each sequence's end.
     *
     * @param totalLength T; 0 for the longest length, else at least that
     */
    public static PaddedSequence padPackedSequence(PackedSequence sequence, boolean batchFirst, float paddingValue,
                                                   int totalLength) {
        if (sequence == null) throw new IllegalArgumentException("pad_packed_sequence: sequence must not be null");
        int[] batchSizes = sequence.batchSizesView();
        int longest = batchSizes.length;
        if (totalLength != 0 && totalLength < longest) {
            throw new IllegalArgumentException("Expected total_length to be at least the length of the longest "
                    + "sequence in input, but got total_length=" + totalLength + " and max sequence length being "
                    + longest);
        }
        int steps = totalLength == 0 ? longest : totalLength;
        int batch = batchSizes[0];
        int[] unsorted = sequence.unsortedIndicesView();
        int[] timeRow = new int[longest];
        for (int t = 1; t < longest; t++) timeRow[t] = timeRow[t - 1] + batchSizes[t - 1];
        int[] index = new int[steps * batch];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int pos = unsorted == null ? b : unsorted[b];  // b's place among the sorted sequences
                int row = t < longest && pos < batchSizes[t] ? timeRow[t] + pos : -1;
                index[batchFirst ? b * steps + t : t * batch + b] = row;
            }
        }
        Tensor data = sequence.data();
        int[] head = batchFirst ? new int[] {batch, steps} : new int[] {steps, batch};
        Tensor padded = RowGather.gather(data, RowGather.trailing(data.shape(), 1), index, paddingValue,
                RowGather.reshape(head, data.shape(), 1), "PadPackedSequenceBackward0");
        return new PaddedSequence(padded, sequence.lengths());
    }

    /** {@link #packSequence(List, boolean)} with enforceSorted (PyTorch's default). */
    public static PackedSequence packSequence(List<Tensor> sequences) {
        return packSequence(sequences, true);
    }

    /**
     * Packs sequences [L_i, *] (L_i ≥ 1, the same trailing shape): {@link #padSequence} then
     * {@link #packPaddedSequence}.
     */
    public static PackedSequence packSequence(List<Tensor> sequences, boolean enforceSorted) {
        Tensor padded = padSequence(sequences, false, 0f);
        int[] lengths = new int[sequences.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = sequences.get(i).size(0);
            if (lengths[i] == 0) {
                throw new IllegalArgumentException("Cannot pack empty tensors (sequences[" + i + "] has shape "
                        + Arrays.toString(sequences.get(i).shape()) + ")");
            }
        }
        return packPaddedSequence(padded, lengths, false, enforceSorted);
    }

    /** {@link #padSequence(List, boolean, float)} time-major with zeros (PyTorch's defaults). */
    public static Tensor padSequence(List<Tensor> sequences) {
        return padSequence(sequences, false, 0f);
    }

    /**
     * Stacks sequences [L_i, *] (the same trailing shape and dtype) into [T, B, *] ([B, T, *] with
     * batchFirst), T the longest L_i, paddingValue past each one's end.
     */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst, float paddingValue) {
        if (sequences == null || sequences.isEmpty()) {
            throw new IllegalArgumentException("received an empty list of sequences");
        }
        Tensor first = sequences.get(0);
        List<Tensor> parts = new ArrayList<>();
        int[] starts = new int[sequences.size()];
        int longest = 0;
        int rows = 0;
        for (int i = 0; i < sequences.size(); i++) {
            Tensor s = sequences.get(i);
            if (s == null) throw new IllegalArgumentException("pad_sequence: sequences[" + i + "] must not be null");
            if (s.dim() == 0 || first.dim() == 0) {
                throw new IllegalArgumentException("pad_sequence: every sequence must be L x * (at least 1-D), "
                        + "sequences[" + i + "] has shape " + Arrays.toString(s.shape()));
            }
            int[] tail = Arrays.copyOfRange(s.shape(), 1, s.dim());
            int[] want = Arrays.copyOfRange(first.shape(), 1, first.dim());
            if (!Arrays.equals(tail, want) || s.dtype() != first.dtype()) {
                throw new IllegalArgumentException("pad_sequence: every sequence must have the trailing shape and "
                        + "dtype of sequences[0] (" + Arrays.toString(want) + ", " + first.dtype() + "), sequences["
                        + i + "] has " + Arrays.toString(tail) + ", " + s.dtype());
            }
            starts[i] = rows;
            rows += s.size(0);
            longest = Math.max(longest, s.size(0));
            if (s.size(0) > 0) parts.add(s);
        }
        int batch = sequences.size();
        int[] index = new int[longest * batch];
        for (int t = 0; t < longest; t++) {
            for (int b = 0; b < batch; b++) {
                index[batchFirst ? b * longest + t : t * batch + b] = t < sequences.get(b).size(0) ? starts[b] + t : -1;
            }
        }
        int[] shape = first.shape();
        int[] head = batchFirst ? new int[] {batch, longest} : new int[] {longest, batch};
        int[] outShape = RowGather.reshape(head, shape, 1);
        if (parts.isEmpty()) return Tensor.full(paddingValue, outShape);
        Tensor all = parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 0);
        return RowGather.gather(all, RowGather.trailing(shape, 1), index, paddingValue, outShape,
                "PadSequenceBackward0");
    }

    /** The batch indices ordered by decreasing length, ties in batch order (a stable sort, as PyTorch's on CPU). */
    static int[] sortDescending(int[] lengths) {
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(lengths[b], lengths[a]));  // merge sort: stable
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) out[i] = order[i];
        return out;
    }
}
