package org.rnn4j.nn;

import java.util.Arrays;
import org.rnn4j.tensor.Tensor;

/**
 * A batch of sequences of different lengths, packed as PyTorch's
 * {@code torch.nn.utils.rnn.PackedSequence}: the sequences sorted by decreasing length, then the
 * first step of every sequence, the second step of every sequence still running, and so on.
 * {@code batchSizes()[t]} is how many sequences run at step t, so {@code data()} is
 * {@code [sum(lengths), *]} and step t's rows start at {@code batchSizes[0] + .. + batchSizes[t-1]}.
 * Made by {@link RnnUtils#packPaddedSequence} and {@link RnnUtils#packSequence}, consumed by the
 * recurrent modules' {@code forward(PackedSequence)} and {@link RnnUtils#padPackedSequence}.
 *
 * <p>{@code sortedIndices()[i]} is the caller's batch index of the i-th longest sequence and
 * {@code unsortedIndices()} its inverse (both null when the caller sorted the batch:
 * {@code enforceSorted}); h0, h_n and c_n are in the caller's order.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class PackedSequence {
    private final Tensor data;
    private final int[] batchSizes;
    private final int[] sortedIndices;
    private final int[] unsortedIndices;

    /**
     * Checks and wraps a packing. Use the {@link RnnUtils} functions to make one; this constructor
     * is for re-wrapping data with the structure of another packing (PyTorch's
     * {@code PackedSequence(data, batch_sizes, sorted_indices, unsorted_indices)}).
     *
     * @param data            [sum(batchSizes), *], at least one dimension
     * @param batchSizes      positive and non-increasing
     * @param sortedIndices   a permutation of [0, batchSizes[0]), or null (sorted input)
     * @param unsortedIndices its inverse, or null to compute it from sortedIndices
     */
    public PackedSequence(Tensor data, int[] batchSizes, int[] sortedIndices, int[] unsortedIndices) {
        if (data == null) throw new IllegalArgumentException("PackedSequence: data must not be null");
        if (batchSizes == null || batchSizes.length == 0) {
            throw new IllegalArgumentException("PackedSequence: batch_sizes must hold at least one step, got "
                    + Arrays.toString(batchSizes));
        }
        long sum = 0;
        for (int t = 0; t < batchSizes.length; t++) {
            if (batchSizes[t] <= 0 || (t > 0 && batchSizes[t] > batchSizes[t - 1])) {
                throw new IllegalArgumentException("PackedSequence: batch_sizes must be positive and non-increasing, "
                        + "got " + Arrays.toString(batchSizes));
            }
            sum += batchSizes[t];
        }
        if (data.dim() == 0 || data.size(0) != sum) {
            throw new IllegalArgumentException("PackedSequence: data must have sum(batch_sizes) = " + sum
                    + " rows, got shape " + Arrays.toString(data.shape()));
        }
        int batch = batchSizes[0];
        if (sortedIndices == null && unsortedIndices != null) {
            throw new IllegalArgumentException("PackedSequence: unsorted_indices given without sorted_indices");
        }
        if (sortedIndices != null) {
            checkPermutation("sorted_indices", sortedIndices, batch);
            int[] inverse = invert(sortedIndices);
            if (unsortedIndices != null && !Arrays.equals(inverse, unsortedIndices)) {
                throw new IllegalArgumentException("PackedSequence: unsorted_indices must be the inverse of "
                        + "sorted_indices " + Arrays.toString(sortedIndices) + ", i.e. " + Arrays.toString(inverse)
                        + ", got " + Arrays.toString(unsortedIndices));
            }
            unsortedIndices = inverse;
        }
        this.data = data;
        this.batchSizes = batchSizes.clone();
        this.sortedIndices = sortedIndices == null ? null : sortedIndices.clone();
        this.unsortedIndices = unsortedIndices;
    }

    /** [sum(lengths), *]: the steps of the sequences, packed. */
    public Tensor data() {
        return data;
    }

    /** How many sequences run at each step (a copy). */
    public int[] batchSizes() {
        return batchSizes.clone();
    }

    /** The caller's batch index of each sorted position (a copy), or null when the input was sorted. */
    public int[] sortedIndices() {
        return sortedIndices == null ? null : sortedIndices.clone();
    }

    /** The sorted position of each of the caller's batch indices (a copy), or null when the input was sorted. */
    public int[] unsortedIndices() {
        return unsortedIndices == null ? null : unsortedIndices.clone();
    }

    /** B, the number of sequences. */
    public int batchSize() {
        return batchSizes[0];
    }

    /** The length of each sequence in the caller's order (what padPackedSequence returns). */
    public int[] lengths() {
        int[] sorted = new int[batchSizes[0]];
        for (int size : batchSizes) {
            for (int b = 0; b < size; b++) sorted[b]++;
        }
        if (unsortedIndices == null) return sorted;
        int[] out = new int[sorted.length];
        for (int b = 0; b < out.length; b++) out[b] = sorted[unsortedIndices[b]];
        return out;
    }

    /** The same packing with other data (same rows): how a module's output keeps its input's structure. */
    PackedSequence withData(Tensor newData) {
        return new PackedSequence(newData, batchSizes, sortedIndices, unsortedIndices);
    }

    /** The internal arrays, not copied (package callers only read them). */
    int[] batchSizesView() {
        return batchSizes;
    }

    int[] sortedIndicesView() {
        return sortedIndices;
    }

    int[] unsortedIndicesView() {
        return unsortedIndices;
    }

    static int[] invert(int[] permutation) {
        int[] inverse = new int[permutation.length];
        for (int i = 0; i < permutation.length; i++) inverse[permutation[i]] = i;
        return inverse;
    }

    private static void checkPermutation(String name, int[] p, int batch) {
        boolean[] seen = new boolean[batch];
        boolean ok = p.length == batch;
        for (int i = 0; ok && i < p.length; i++) {
            ok = p[i] >= 0 && p[i] < batch && !seen[p[i]];
            if (ok) seen[p[i]] = true;
        }
        if (!ok) {
            throw new IllegalArgumentException("PackedSequence: " + name + " must be a permutation of 0.." + (batch - 1)
                    + " (batch_sizes[0] = " + batch + "), got " + Arrays.toString(p));
        }
    }

    /** PyTorch's repr with the tensors shown by shape: {@code PackedSequence(data=[6, 2], batch_sizes=[3, 2, 1], ...)}. */
    @Override
    public String toString() {
        return "PackedSequence(data=" + Arrays.toString(data.shape()) + ", batch_sizes=" + Arrays.toString(batchSizes)
                + ", sorted_indices=" + (sortedIndices == null ? "None" : Arrays.toString(sortedIndices))
                + ", unsorted_indices=" + (unsortedIndices == null ? "None" : Arrays.toString(unsortedIndices)) + ")";
    }
}
