package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

import java.util.Arrays;

/**
 * Picking elements by INT64 index, with PyTorch's shape rules and backward:
 * <pre>
 *   gather:      out[i_0..i_r] = x[i_0 .. index[i_0..i_r] (at dim) .. i_r]
 *                dx = zeros, then dx[.. index[i] ..] += g[i]        (scatter_add: repeats accumulate)
 *   indexSelect: out = x with slice j along dim taken from slice index[j]
 *                dx = zeros, then dx slice index[j] += g slice j     (index_add)
 * </pre>
 * The source may be FLOAT32 (differentiable) or INT64. An index out of range throws
 * IllegalArgumentException naming it and the range, before anything is written.
 */
final class IndexOps {
    private IndexOps() {}

    static Tensor gather(Tensor t, int dim, Tensor index) {
        requireIndex("gather", index, "int64");
        int rank = Math.max(1, t.dim());
        DimSlices s = DimSlices.of(t, dim);
        if (rank != Math.max(1, index.dim())) {
            throw new IllegalArgumentException("gather(): Index tensor must have the same number of dimensions as"
                    + " input tensor (input " + Shapes.str(t.shape) + ", index " + Shapes.str(index.shape) + ")");
        }
        int n = index.numel();
        if (n == 0) {
            Tensor empty = t.longs != null ? Tensor.wrapLongs(new long[0], index.shape) : Tensor.wrap(new float[0],
                    index.shape);
            return t.longs != null ? empty : record(empty, "GatherBackward0", g -> new Tensor[] {Tensor.zeros(t.shape)},
                    t);
        }
        int[] self = t.dim() == 0 ? new int[] {1} : t.shape;
        int[] idxShape = index.dim() == 0 ? new int[] {1} : index.shape;
        for (int i = 0; i < rank; i++) {
            if (i != s.dim() && idxShape[i] > self[i]) {
                throw new IllegalArgumentException("gather(): Size does not match at dimension " + i
                        + " expected index " + Shapes.str(index.shape) + " to be smaller than self "
                        + Shapes.str(t.shape) + " apart from dimension " + s.dim());
            }
        }
        // flat[p]: row-major position in t of output element p (the index shape walked by an odometer)
        long[] idx = index.toLongArray();
        int[] strides = Shapes.contiguousStrides(self);
        int[] flat = new int[n];
        int[] at = new int[rank];
        int base = 0;
        for (int p = 0; p < n; p++) {
            long v = idx[p];
            if (v < 0 || v >= self[s.dim()]) throw outOfBounds("gather", v, s.dim(), self[s.dim()]);
            flat[p] = base + (int) v * strides[s.dim()];
            for (int d = rank - 1; d >= 0; d--) { // next multi-index; base skips the dim being indexed
                if (d != s.dim()) base += strides[d];
                if (++at[d] < idxShape[d]) break;
                if (d != s.dim()) base -= strides[d] * idxShape[d];
                at[d] = 0;
            }
        }
        Tensor c = t.contiguous();
        if (t.longs != null) {
            long[] out = new long[n];
            for (int p = 0; p < n; p++) out[p] = c.longs[c.offset + flat[p]];
            return Tensor.wrapLongs(out, index.shape);
        }
        float[] out = new float[n];
        for (int p = 0; p < n; p++) out[p] = c.data[c.offset + flat[p]];
        return record(Tensor.wrap(out, index.shape), "GatherBackward0", g -> {
            float[] gv = g.toFloatArray();
            float[] dx = new float[t.numel()];
            for (int p = 0; p < n; p++) dx[flat[p]] += gv[p];
            return new Tensor[] {Tensor.wrap(dx, t.shape)};
        }, t);
    }

    static Tensor indexSelect(Tensor t, int dim, Tensor index) {
        requireIndex("index_select", index, "int32 or int64");
        DimSlices s = DimSlices.of(t, dim);
        if (index.dim() > 1) {
            throw new IllegalArgumentException("index_select(): Index is supposed to be a vector, but got index of"
                    + " shape " + Shapes.str(index.shape));
        }
        long[] idx = index.toLongArray();
        if (t.dim() == 0 && idx.length != 1) {
            throw new IllegalArgumentException("index_select(): a 0-dim input takes exactly one index, but got "
                    + idx.length);
        }
        for (long v : idx) if (v < 0 || v >= s.size()) throw outOfBounds("index_select", v, s.dim(), s.size());
        int k = idx.length;
        int[] shape = s.resized(k);
        int inner = s.inner();
        Tensor c = t.contiguous();
        if (t.longs != null) {
            long[] out = new long[s.outer() * k * inner];
            for (int o = 0; o < s.outer(); o++) {
                for (int j = 0; j < k; j++) {
                    System.arraycopy(c.longs, c.offset + (o * s.size() + (int) idx[j]) * inner, out,
                            (o * k + j) * inner, inner);
                }
            }
            return Tensor.wrapLongs(out, shape);
        }
        float[] out = new float[s.outer() * k * inner];
        for (int o = 0; o < s.outer(); o++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(c.data, c.offset + (o * s.size() + (int) idx[j]) * inner, out, (o * k + j) * inner,
                        inner);
            }
        }
        return record(Tensor.wrap(out, shape), "IndexSelectBackward0", g -> {
            float[] gv = g.toFloatArray();
            float[] dx = new float[t.numel()];
            for (int o = 0; o < s.outer(); o++) {
                for (int j = 0; j < k; j++) {
                    int src = (o * k + j) * inner;
                    int dst = (o * s.size() + (int) idx[j]) * inner;
                    for (int i = 0; i < inner; i++) dx[dst + i] += gv[src + i];
                }
            }
            return new Tensor[] {Tensor.wrap(dx, t.shape)};
        }, t);
    }

    private static void requireIndex(String op, Tensor index, String expected) {
        if (index == null) throw new IllegalArgumentException(op + "(): argument 'index' must be a Tensor, not null");
        if (index.longs == null) {
            throw new IllegalArgumentException(op + "(): Expected dtype " + expected + " for index, but got "
                    + index.dtype() + " (" + DType.INT64 + " expected) of shape " + Arrays.toString(index.shape));
        }
    }

    private static IllegalArgumentException outOfBounds(String op, long v, int dim, int size) {
        return new IllegalArgumentException(op + "(): index " + v + " is out of bounds for dimension " + dim
                + " with size " + size + " (expected 0 <= index < " + size + ")");
    }
}
