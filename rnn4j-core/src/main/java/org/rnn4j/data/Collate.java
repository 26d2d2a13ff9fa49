package org.rnn4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/** Collate functions for {@link DataLoader}: how a list of examples becomes one batch. */
public final class Collate {
    private Collate() {}

    /**
     * Examples of one shape stacked along a new first dimension, [B, *] (FLOAT32 or INT64), like
     * PyTorch's {@code default_collate} for tensors; differentiable.
     */
    public static Function<List<Tensor>, Tensor> stack() {
        return items -> {
            requireItems(items, "stack");
            return Tensor.stack(items, 0);
        };
    }

    /**
     * Sequences [T_i, *] (one dtype, the same trailing shape, T_i &gt;= 0) padded after their end
     * with {@code paddingValue} into [B, T_max, *] (batch-first, like
     * {@code pad_sequence(batch_first=True)}), with their lengths T_i in batch order. For INT64
     * sequences (token ids) the padding value must be an integer. The batch is data: it is not
     * recorded by autograd.
     */
    public static Function<List<Tensor>, PaddedBatch> padSequences(double paddingValue) {
        return items -> pad(items, paddingValue);
    }

    private static PaddedBatch pad(List<Tensor> items, double paddingValue) {
        requireItems(items, "padSequences");
        Tensor first = items.get(0);
        int[] rest = Arrays.copyOfRange(first.shape(), Math.min(1, first.dim()), first.dim());
        int[] lengths = new int[items.size()];
        int maxLen = 0;
        for (int b = 0; b < items.size(); b++) {
            Tensor t = items.get(b);
            if (t.dim() == 0 || t.dtype() != first.dtype()
                    || !Arrays.equals(Arrays.copyOfRange(t.shape(), 1, t.dim()), rest)) {
                throw new IllegalArgumentException("padSequences: sequence " + b + " has shape "
                        + Arrays.toString(t.shape()) + " and dtype " + t.dtype() + ", expected " + expected(rest)
                        + " of dtype " + first.dtype() + " like sequence 0 (shape " + Arrays.toString(first.shape())
                        + ")");
            }
            lengths[b] = t.size(0);
            maxLen = Math.max(maxLen, lengths[b]);
        }
        int row = 1;
        for (int r : rest) row *= r;
        int[] shape = new int[rest.length + 2];
        shape[0] = items.size();
        shape[1] = maxLen;
        System.arraycopy(rest, 0, shape, 2, rest.length);
        int stride = maxLen * row;
        if (first.dtype() == DType.INT64) {
            if (paddingValue != Math.rint(paddingValue) || Math.abs(paddingValue) > 0x1p62) {
                throw new IllegalArgumentException("padSequences: padding value for INT64 sequences must be an integer, got "
                        + paddingValue);
            }
            long[] out = new long[items.size() * stride];
            Arrays.fill(out, (long) paddingValue);
            for (int b = 0; b < items.size(); b++) {
                long[] v = items.get(b).toLongArray();
                System.arraycopy(v, 0, out, b * stride, v.length);
            }
            return new PaddedBatch(TensorAccess.wrapLongs(out, shape), lengths);
        }
        float[] out = new float[items.size() * stride];
        Arrays.fill(out, (float) paddingValue);
        for (int b = 0; b < items.size(); b++) {
            float[] v = items.get(b).toFloatArray();
            System.arraycopy(v, 0, out, b * stride, v.length);
        }
        return new PaddedBatch(TensorAccess.wrap(out, shape), lengths);
    }

    private static void requireItems(List<Tensor> items, String what) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException(what + ": expected a non-empty list of tensors, got "
                    + (items == null ? "null" : "an empty list"));
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) throw new IllegalArgumentException(what + ": tensor " + i + " is null");
        }
    }

    /** {@code [T]} or {@code [T, 3, 4]}: a sequence shape with these trailing dimensions. */
    private static String expected(int[] rest) {
        StringBuilder sb = new StringBuilder("[T");
        for (int d : rest) sb.append(", ").append(d);
        return sb.append(']').toString();
    }
}
