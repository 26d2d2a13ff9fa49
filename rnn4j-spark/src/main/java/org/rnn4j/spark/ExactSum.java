package org.rnn4j.spark;

import java.io.Serializable;
import java.util.BitSet;

/**
 * A sum of float vectors that does not depend on the order of the additions: each element is a
 * 128-bit two's-complement integer in units of 2^-100, so every float with |x| < 2^26 is held
 * exactly (those below 2^-100 are floored to that grid, the same way wherever they are added)
 * and integer addition is associative and commutative. Spark's treeAggregate combines partition
 * results in whatever tree and order its tasks finish in; with this sum the result is the same
 * bits every time, and equals the exactly rounded sum of the parts. A part holding a NaN, an
 * infinity or a magnitude of 2^26 or more, or a total of 2^27 or more, makes that element NaN
 * (a gradient that large has diverged anyway).
 *
 * <p>Cost: 16 bytes an element once combined; a single part travels as its 4-byte floats
 * ({@link GradientSum} keeps it so until a second part arrives).
 */
final class ExactSum implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The grid: units of 2^-SCALE. */
    static final int SCALE = 100;
    /** Parts at or beyond this magnitude are not held: the element becomes NaN. */
    static final float LIMIT = 0x1p26f;

    private final long[] hi;
    private final long[] lo; // unsigned low halves
    private final BitSet bad = new BitSet();

    ExactSum(int length) {
        hi = new long[length];
        lo = new long[length];
    }

    int length() {
        return hi.length;
    }

    /** Adds {@code part} (same length) exactly. */
    void add(float[] part) {
        if (part.length != hi.length) {
            throw new IllegalArgumentException("ExactSum: a part of " + part.length + " elements added to a sum of "
                    + hi.length);
        }
        for (int i = 0; i < part.length; i++) {
            float x = part[i];
            if (x == 0f) continue;
            if (!(Math.abs(x) < LIMIT)) { // NaN too
                bad.set(i);
                continue;
            }
            long m = mantissa(x);
            // x = m * 2^(s - SCALE); subnormals have the exponent of the smallest normal
            int s = Math.max(Math.getExponent(x), Float.MIN_EXPONENT) - 23 + SCALE;
            long h;
            long l;
            if (s >= 64) {
                h = m << (s - 64);
                l = 0;
            } else if (s > 0) {
                h = m >> (64 - s);
                l = m << s;
            } else if (s == 0) {
                h = m >> 63;
                l = m;
            } else {
                long n = -s >= 63 ? m >> 63 : m >> -s; // floored onto the grid
                h = n >> 63;
                l = n;
            }
            accumulate(i, h, l);
        }
    }

    /** Adds {@code other} (same length) exactly. */
    void add(ExactSum other) {
        if (other.hi.length != hi.length) {
            throw new IllegalArgumentException("ExactSum: a sum of " + other.hi.length + " elements added to one of "
                    + hi.length);
        }
        for (int i = 0; i < hi.length; i++) accumulate(i, other.hi[i], other.lo[i]);
        bad.or(other.bad);
    }

    private void accumulate(int i, long h, long l) {
        long sum = lo[i] + l;
        long carry = Long.compareUnsigned(sum, lo[i]) < 0 ? 1 : 0;
        lo[i] = sum;
        try {
            hi[i] = Math.addExact(Math.addExact(hi[i], h), carry);
        } catch (ArithmeticException overflow) {
            bad.set(i);
        }
    }

    /** The sums, each rounded once to the nearest float (ties to even). */
    float[] toFloats() {
        float[] out = new float[hi.length];
        for (int i = 0; i < out.length; i++) out[i] = bad.get(i) ? Float.NaN : round(i);
        return out;
    }

    private float round(int i) {
        long h = hi[i];
        long l = lo[i];
        boolean negative = h < 0;
        if (negative) { // two's-complement negation of the 128-bit value
            l = -l;
            h = ~h + (l == 0 ? 1 : 0);
        }
        if (h < 0) return Float.NaN; // -2^127 units, the one value whose magnitude does not fit
        float magnitude;
        if (h == 0) {
            // an unsigned 64-bit value: halve it keeping a sticky bit, so that one rounding happens
            magnitude = l >= 0 ? (float) l : 2f * (float) ((l >>> 1) | (l & 1));
            magnitude = Math.scalb(magnitude, -SCALE);
        } else {
            int k = 64 - Long.numberOfLeadingZeros(h) + 1; // bits to drop so the value fits 63 bits
            long kept = k == 64 ? 0 : l >>> k;
            long dropped = k == 64 ? l : l & ((1L << k) - 1);
            long v = (h << (64 - k)) | kept | (dropped != 0 ? 1 : 0); // the dropped bits stay as a sticky bit
            magnitude = Math.scalb((float) v, k - SCALE);
        }
        return negative ? -magnitude : magnitude;
    }

    /** The signed integer significand m of x = m · 2^(exponent - 23) (subnormals: exponent -126). */
    private static long mantissa(float x) {
        int bits = Float.floatToRawIntBits(x);
        long m = bits & 0x7fffff;
        if ((bits & 0x7f800000) != 0) m |= 0x800000;
        return bits < 0 ? -m : m;
    }
}
