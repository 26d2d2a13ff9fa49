package org.rnn4j.onnx.proto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An ONNX TensorProto held as little-endian raw bytes (whatever field the file stored the values
 * in), with checked element counts: the decoder only builds one whose byte count equals
 * {@code numel * size(dataType)}.
 */
public record OnnxTensor(String name, int dataType, long[] dims, byte[] raw) {
    /** Most dimensions a tensor may have. */
    public static final int MAX_RANK = 16;

    public OnnxTensor {
        dims = dims.clone();
    }

    public static OnnxTensor ofFloats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return checked(name, DataType.FLOAT, dims, b.array());
    }

    public static OnnxTensor ofLongs(String name, long[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return checked(name, DataType.INT64, dims, b.array());
    }

    /** A tensor whose byte count is checked against its dims and type (IllegalArgumentException). */
    public static OnnxTensor checked(String name, int dataType, long[] dims, byte[] raw) {
        long numel = numel(name, dims);
        int size = DataType.size(dataType);
        if (size == 0) {
            throw new IllegalArgumentException("tensor '" + name + "': data type " + DataType.name(dataType) + " is not supported");
        }
        if (numel * size != raw.length) {
            throw new IllegalArgumentException("tensor '" + name + "' of shape " + Arrays.toString(dims) + " and type "
                    + DataType.name(dataType) + " needs " + numel * size + " bytes, got " + raw.length);
        }
        return new OnnxTensor(name, dataType, dims, raw);
    }

    /** The element count of {@code dims}, refusing negative, too many or too large dimensions. */
    public static long numel(String name, long[] dims) {
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + dims.length + " dimensions, at most " + MAX_RANK + " allowed");
        }
        long n = 1;
        for (long d : dims) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor '" + name + "' has dimension " + d + " in shape "
                        + Arrays.toString(dims) + ": expected 0 to " + Integer.MAX_VALUE);
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor '" + name + "' of shape " + Arrays.toString(dims)
                        + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return n;
    }

    public long[] dims() {
        return dims.clone();
    }

    public int[] shape() {
        int[] s = new int[dims.length];
        for (int i = 0; i < s.length; i++) s[i] = (int) dims[i];
        return s;
    }

    public int numel() {
        return (int) numel(name, dims);
    }

    public float[] floats() {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[numel()];
        switch (dataType) {
            case DataType.FLOAT -> b.asFloatBuffer().get(out);
            case DataType.DOUBLE -> { for (int i = 0; i < out.length; i++) out[i] = (float) b.getDouble(i * 8); }
            default -> throw new IllegalArgumentException("tensor '" + name + "' holds " + DataType.name(dataType)
                    + " values, expected FLOAT");
        }
        return out;
    }

    public long[] longs() {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[numel()];
        switch (dataType) {
            case DataType.INT64 -> b.asLongBuffer().get(out);
            case DataType.INT32 -> { for (int i = 0; i < out.length; i++) out[i] = b.getInt(i * 4); }
            default -> throw new IllegalArgumentException("tensor '" + name + "' holds " + DataType.name(dataType)
                    + " values, expected INT64");
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxTensor t && name.equals(t.name) && dataType == t.dataType
                && Arrays.equals(dims, t.dims) && Arrays.equals(raw, t.raw);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + ":" + DataType.name(dataType) + Arrays.toString(dims);
    }
}
