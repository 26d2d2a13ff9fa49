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

    /** A row-major copy of the elements. */
    static float[] toFloatArray(Tensor t) {
        int n = t.numel();
        if (n == 0) return new float[0]; // a zero-size view's offset may lie past the end of its storage
        if (t.isContiguous()) return Arrays.copyOfRange(t.data, t.offset, t.offset + n);
        float[] out = new float[n];
        StridedLayout.gather(t.data, StridedLayout.positions(t.shape, t.strides, t.offset), out);
        return out;
    }

    /** t if contiguous, else a contiguous copy; the gradient passes through unchanged. */
    static Tensor contiguous(Tensor t) {
        if (t.isContiguous()) return t;
        Tensor out = Tensor.wrap(t.toFloatArray(), t.shape);
        return record(out, "CloneBackward", g -> new Tensor[] {g}, t);
    }

    /** A copy with its own storage; the gradient passes through unchanged. */
    static Tensor copy(Tensor t) {
        Tensor out = Tensor.wrap(t.toFloatArray(), t.shape);
        return record(out, "CloneBackward0", g -> new Tensor[] {g}, t);
    }

    /** Every element of t set to value, in place. */
    static Tensor fill(Tensor t, float value) {
        if (t.numel() == 0) return t;
        if (t.isContiguous()) {
            Arrays.fill(t.data, t.offset, t.offset + t.numel(), value);
        } else {
            for (int p : StridedLayout.positions(t.shape, t.strides, t.offset)) t.data[p] = value;
        }
        return t;
    }

    /** src (same shape) copied into t, in place. */
    static Tensor copyFrom(Tensor t, Tensor src) {
        if (src == null) throw new IllegalArgumentException("copy: source must not be null");
        if (!Arrays.equals(src.shape, t.shape)) {
            throw new IllegalArgumentException("copy: expected shape " + Arrays.toString(t.shape)
                    + ", got " + Arrays.toString(src.shape));
        }
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
}
