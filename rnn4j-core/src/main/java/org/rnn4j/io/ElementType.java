package org.rnn4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.ShortBuffer;

/**
 * The safetensors element types rnn4j can read, each knowing its width and how to decode its
 * little-endian bytes: the floating-point ones to float32 ({@code DType.FLOAT32} tensors), I64 to
 * long ({@code DType.INT64} tensors). Named apart from {@link org.rnn4j.tensor.DType}, the dtype of
 * a tensor in memory: a file's element type is how it is stored.
 */
enum ElementType {
    F32(4), F64(8), F16(2), BF16(2), I64(8);

    /** Every dtype of the safetensors spec; the ones not in this enum are reported as unsupported. */
    static final String SPEC_DTYPES =
            "BOOL U8 I8 F8_E5M2 F8_E4M3 I16 U16 F16 BF16 I32 U32 F32 F64 I64 U64 F8_E8M0 F4 F6_E2M3 F6_E3M2 C64";

    final int bytes;

    ElementType(int bytes) {
        this.bytes = bytes;
    }

    /** True for I64, read into INT64 tensors; every other type is read as float32. */
    boolean integral() {
        return this == I64;
    }

    /** The dtype named {@code name}, or null when rnn4j cannot read it. */
    static ElementType byName(String name) {
        for (ElementType d : values()) {
            if (d.name().equals(name)) return d;
        }
        return null;
    }

    /**
     * Decodes {@code count} elements from {@code src} (position at the first byte, at least
     * {@code count * bytes} remaining) into {@code dst[at .. at+count)}.
     */
    void decode(ByteBuffer src, float[] dst, int at, int count) {
        ByteBuffer le = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case F32:
                le.asFloatBuffer().get(dst, at, count);
                break;
            case F64: {
                DoubleBuffer d = le.asDoubleBuffer();
                for (int i = 0; i < count; i++) dst[at + i] = (float) d.get(i);
                break;
            }
            case F16: {
                ShortBuffer h = le.asShortBuffer();
                for (int i = 0; i < count; i++) dst[at + i] = halfToFloat(h.get(i));
                break;
            }
            case BF16: {
                ShortBuffer h = le.asShortBuffer();
                // bfloat16 is the top half of a float32: widening is exact.
                for (int i = 0; i < count; i++) dst[at + i] = Float.intBitsToFloat((h.get(i) & 0xffff) << 16);
                break;
            }
            default:
                throw new AssertionError(this);
        }
    }

    /** Decodes {@code count} little-endian int64 values (I64 only) into {@code dst[at .. at+count)}. */
    void decode(ByteBuffer src, long[] dst, int at, int count) {
        if (this != I64) throw new AssertionError(this);
        src.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(dst, at, count);
    }

    /** IEEE 754 binary16 to binary32, exact (subnormals, infinities and NaN payloads kept). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp != 0) return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        if (mant == 0) return Float.intBitsToFloat(sign);
        // Subnormal half: value is mant * 2^-24, exactly representable as a normal float.
        float v = mant * 0x1p-24f;
        return sign != 0 ? -v : v;
    }
}
