package org.rnn4j.tensor;

import java.util.Arrays;

/**
 * INT64 tensors: creation, conversion to and from FLOAT32, and the dtype checks that every op
 * needing floats runs first. An INT64 tensor keeps its values in {@code Tensor.longs} with the
 * same shape, strides and offset a float tensor would have ({@code Tensor.data} is then null).
 */
final class DTypeOps {
    private DTypeOps() {}

    /** Throws unless every operand is FLOAT32: {@code op(): expected FLOAT32 tensors, but got FLOAT32 and INT64}. */
    static void requireFloat(String op, Tensor... operands) {
        for (Tensor t : operands) {
            if (t != null && t.longs != null) throw mismatch(op, DType.FLOAT32, operands);
        }
    }

    /** Throws unless t is INT64. */
    static void requireLong(String op, Tensor t) {
        if (t.longs == null) throw mismatch(op, DType.INT64, t);
    }

    static IllegalArgumentException mismatch(String op, DType expected, Tensor... operands) {
        StringBuilder got = new StringBuilder();
        for (Tensor t : operands) {
            if (t == null) continue;
            got.append(got.length() == 0 ? "" : " and ").append(t.dtype());
        }
        String what = operands.length == 1 ? "a tensor of dtype " + expected : expected + " tensors";
        return new IllegalArgumentException(op + "(): expected " + what + ", but got " + got);
    }

    /** A row-major copy of an INT64 tensor's elements. */
    static long[] toLongArray(Tensor t) {
        requireLong("toLongArray", t);
        int n = t.numel();
        if (n == 0) return new long[0];
        if (t.isContiguous()) return Arrays.copyOfRange(t.longs, t.offset, t.offset + n);
        int[] at = StridedLayout.positions(t.shape, t.strides, t.offset);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = t.longs[at[i]];
        return out;
    }

    /** FLOAT32 values of t: t itself if already FLOAT32, else each long rounded to the nearest float. */
    static Tensor toFloat(Tensor t) {
        if (t.longs == null) return t;
        long[] v = toLongArray(t);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return Tensor.wrap(out, t.shape);
    }

    /** INT64 values of t: t itself if already INT64, else each float truncated toward zero (PyTorch's .long()). */
    static Tensor toLong(Tensor t) {
        if (t.longs != null) return t;
        float[] v = t.toFloatArray();
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (long) v[i];
        return Tensor.wrapLongs(out, t.shape);
    }

    /** A contiguous copy of any dtype, not recorded. */
    static Tensor copyOf(Tensor t) {
        return t.longs != null ? Tensor.wrapLongs(toLongArray(t), t.shape) : Tensor.wrap(t.toFloatArray(), t.shape);
    }
}
