package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

import java.util.Arrays;

/**
 * Copies between layouts: gathering a strided view into a row-major array, the differentiable
 * {@code contiguous} and {@code copy}, and the in-place {@code fill} and {@code copyFrom} that
 * autograd does not record.
 */
final class CopyOps {
    private CopyOps() {}

    /** A row-major copy of the elements of a FLOAT32 tensor. */
    static float[] toFloatArray(Tensor t) {
        DTypeOps.requireFloat("toFloatArray", t);
        int n = t.numel();
        if (n == 0) return new float[0]; // a zero-size view's offset may lie past the end of its storage
        if (t.isContiguous()) return Arrays.copyOfRange(t.data, t.offset, t.offset + n);
        float[] out = new float[n];
        StridedLayout.gather(t.data, t.shape, t.strides, t.offset, out);
        return out;
    }

    /** The elements of a FLOAT32 tensor, row-major, into dst [numel]; returns dst. */
    static float[] copyInto(Tensor t, float[] dst) {
        DTypeOps.requireFloat("copyInto", t);
        int n = t.numel();
        if (dst.length != n) {
            throw new IllegalArgumentException("copyInto: an array of " + n + " floats is expected, got " + dst.length);
        }
        if (n == 0) return dst;
        if (t.isContiguous()) {
            System.arraycopy(t.data, t.offset, dst, 0, n);
        } else {
            StridedLayout.gather(t.data, t.shape, t.strides, t.offset, dst);
        }
        return dst;
    }

    /** The value of a one-element FLOAT32 tensor. */
    static float item(Tensor t) {
        DTypeOps.requireFloat("item", t);
        if (t.numel() != 1) {
            throw new IllegalArgumentException("a Tensor with " + t.numel()
                    + " elements cannot be converted to Scalar");
        }
        return t.data[t.offset];
    }

    /** The element of a FLOAT32 tensor at the given indices (one per dimension). */
    static float get(Tensor t, int... index) {
        DTypeOps.requireFloat("get", t);
        return t.data[StridedLayout.position(t.shape, t.strides, t.offset, index)];
    }

    /** t if contiguous, else a contiguous copy (any dtype); the gradient passes through unchanged. */
    static Tensor contiguous(Tensor t) {
        if (t.isContiguous()) return t;
        Tensor out = DTypeOps.copyOf(t);
        return record(out, "CloneBackward", g -> new Tensor[] {g}, t);
    }

    /** A copy with its own storage (any dtype); the gradient passes through unchanged. */
    static Tensor copy(Tensor t) {
        Tensor out = DTypeOps.copyOf(t);
        return record(out, "CloneBackward0", g -> new Tensor[] {g}, t);
    }

    /** Every element of a FLOAT32 tensor set to value, in place. */
    static Tensor fill(Tensor t, float value) {
        DTypeOps.requireFloat("fill", t);
        if (t.numel() == 0) return t;
        if (t.isContiguous()) {
            Arrays.fill(t.data, t.offset, t.offset + t.numel(), value);
        } else {
            for (int p : StridedLayout.positions(t.shape, t.strides, t.offset)) t.data[p] = value;
        }
        return t;
    }

    /** src (same shape and dtype) copied into t, in place. */
    static Tensor copyFrom(Tensor t, Tensor src) {
        if (src == null) throw new IllegalArgumentException("copy: source must not be null");
        if (!Arrays.equals(src.shape, t.shape)) {
            throw new IllegalArgumentException("copy: expected shape " + Arrays.toString(t.shape)
                    + ", got " + Arrays.toString(src.shape));
        }
        if (src.dtype() != t.dtype()) {
            throw new IllegalArgumentException("copy: expected a source of dtype " + t.dtype() + ", but got "
                    + src.dtype());
        }
        if (t.longs != null) return copyLongs(t, src.toLongArray());
        float[] values = src.toFloatArray();
        if (values.length == 0) return t;
        if (t.isContiguous()) {
            System.arraycopy(values, 0, t.data, t.offset, values.length);
        } else {
            int[] at = StridedLayout.positions(t.shape, t.strides, t.offset);
            for (int i = 0; i < at.length; i++) t.data[at[i]] = values[i];
        }
        return t;
    }

    private static Tensor copyLongs(Tensor t, long[] values) {
        if (values.length == 0) return t;
        if (t.isContiguous()) {
            System.arraycopy(values, 0, t.longs, t.offset, values.length);
        } else {
            int[] at = StridedLayout.positions(t.shape, t.strides, t.offset);
            for (int i = 0; i < at.length; i++) t.longs[at[i]] = values[i];
        }
        return t;
    }
}
