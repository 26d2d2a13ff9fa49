package org.rnn4j.tensor.cpu.math;

/**
 * Float exp, sigmoid and tanh for the gate kernels, written so that {@link VectorMath} computes
 * bit-identical results lane by lane (the same operations in the same order, FMA where it fuses):
 * whichever path runs, with or without the Vector API, a model gives the same numbers.
 *
 * <p>exp follows Cephes' expf: {@code x = n ln2 + r} (Cody-Waite split of ln 2), a degree-5
 * polynomial for {@code e^r} on |r| ≤ ln2/2, then scaling by {@code 2^n} through the exponent
 * bits; inputs above 88.376 give +Inf, below -87.337 give 0 (no subnormal results). tanh uses
 * Cephes' odd polynomial below |x| = 0.625 and {@code 1 - 2/(e^{2|x|} + 1)} above. Measured
 * against the correctly rounded values (ActTest): exp within 2 ulp, sigmoid and tanh within 3.
 */
public final class FastMath {
    private FastMath() {}

    static final float EXP_HI = 88.3762626647949f;
    static final float EXP_LO = -87.33654f;
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding it rounds to an integer held in the low mantissa bits. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = 0x4B400000;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float P0 = 1.9875691500e-4f;
    static final float P1 = 1.3981999507e-3f;
    static final float P2 = 8.3334519073e-3f;
    static final float P3 = 4.1665795894e-2f;
    static final float P4 = 1.6666665459e-1f;
    static final float P5 = 5.0000001201e-1f;
    static final float TANH_SMALL = 0.625f;
    static final float T0 = -5.70498872745e-3f;
    static final float T1 = 2.06390887954e-2f;
    static final float T2 = -5.37397155531e-2f;
    static final float T3 = 1.33314422036e-1f;
    static final float T4 = -3.33332819422e-1f;

    /** e^x. */
    public static float exp(float x) {
        if (x != x) return x;
        if (x > EXP_HI) return Float.POSITIVE_INFINITY;
        if (x < EXP_LO) return 0f;
        float t = Math.fma(x, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        int scale = (Float.floatToRawIntBits(t) - ROUNDER_BITS + 127) << 23;
        return y * Float.intBitsToFloat(scale);
    }

    /** 1 / (1 + e^{-x}): 0 and 1 at the ends, never NaN for non-NaN input. */
    public static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    /** tanh(x), odd, ±1 at the ends; keeps the sign of zero. */
    public static float tanh(float x) {
        float a = Math.abs(x);
        float y;
        if (a < TANH_SMALL) {
            float z = x * x;
            float p = Math.fma(T0, z, T1);
            p = Math.fma(p, z, T2);
            p = Math.fma(p, z, T3);
            p = Math.fma(p, z, T4);
            y = Math.fma(p * z, x, x);
        } else {
            y = 1f - 2f / (exp(a + a) + 1f);
        }
        return Math.copySign(y, x);
    }
}
