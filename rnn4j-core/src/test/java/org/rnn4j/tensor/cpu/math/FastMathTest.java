package org.rnn4j.tensor.cpu.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** FastMath against correctly rounded references, and the vector path against the scalar one. */
class FastMathTest {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, 1e-7f, 0.6249f,
        0.625f, 0.6251f, 1f, 9f, 10f, 44f, 87.3f, 88.3f, 88.4f, 89f, 1e4f, Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

    /** Without this, a broken reflective load would silently leave every activation scalar. */
    @Test
    void vectorMathIsLoadedWhenTheModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        String expected = module && VectorSupport.enabled() ? "VectorMath" : "ScalarMath";
        assertEquals(expected, Transcendentals.get().getClass().getSimpleName());
    }

    @Test
    void tanhWithinThreeUlp() {
        assertUlp("tanh", Math::tanh, FastMath::tanh, 3, -12f, 12f);
        assertTrue(Float.isNaN(FastMath.tanh(Float.NaN)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(FastMath.tanh(-0f)));
        assertEquals(1f, FastMath.tanh(1e4f));
        assertEquals(-1f, FastMath.tanh(Float.NEGATIVE_INFINITY));
    }

    @Test
    void expWithinTwoUlpAndSaturates() {
        // Above EXP_HI (88.376; float overflows at 88.723) FastMath.exp gives +Inf by design.
        assertUlp("exp", x -> x > FastMath.EXP_HI ? Double.POSITIVE_INFINITY : Math.exp(x), FastMath::exp, 2, -87f, 88f);
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(89f));
        assertEquals(0f, FastMath.exp(-1e4f));
        assertTrue(Float.isNaN(FastMath.exp(Float.NaN)));
    }

    @Test
    void sigmoidWithinThreeUlpAndSaturatesWithoutNaN() {
        // Below -EXP_HI the exact sigmoid is subnormal and FastMath gives 0.
        assertUlp("sigmoid", x -> x < -FastMath.EXP_HI ? 0 : 1 / (1 + Math.exp(-x)), FastMath::sigmoid, 3, -80f, 80f);
        assertEquals(1f, FastMath.sigmoid(1e4f));
        assertEquals(0f, FastMath.sigmoid(-1e4f));
        assertEquals(0.5f, FastMath.sigmoid(0f));
        assertEquals(1f, FastMath.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, FastMath.sigmoid(Float.NEGATIVE_INFINITY));
    }

    /** The Vector API path gives the same bits as the scalar path (and exp as FastMath.exp), tails and special values included. */
    @Test
    void vectorPathIsBitIdenticalToScalar() {
        Transcendentals best = Transcendentals.get();
        Transcendentals scalar = Transcendentals.scalar();
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {1, 7, 16, 33, 1000}) {
            float[] x = new float[n + SPECIAL.length + 1];
            for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() * (i % 3 == 0 ? 30 : 3));
            System.arraycopy(SPECIAL, 0, x, n, SPECIAL.length);
            x[x.length - 1] = Float.NaN;
            for (int off : new int[] {0, 3}) {
                float[] a = x.clone();
                float[] b = x.clone();
                best.tanh(a, off, x.length - off);
                scalar.tanh(b, off, x.length - off);
                assertArrayEquals(b, a, "tanh n=" + n);
                a = x.clone();
                b = x.clone();
                best.sigmoid(a, off, x.length - off);
                scalar.sigmoid(b, off, x.length - off);
                assertArrayEquals(b, a, "sigmoid n=" + n);
                for (int len : new int[] {0, 1, 31, 32, 65, x.length - off}) {
                    if (off + len > x.length) continue;
                    float m = scalar.max(x, off, len);
                    assertEquals(Float.floatToIntBits(m), Float.floatToIntBits(best.max(x, off, len)), "max n=" + len);
                    float[] zeros = {-0f, 0f, -0f, -1f};
                    assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(best.max(zeros, 0, 4)), "+0 for zeros");
                }
                for (float shift : new float[] {0f, 2.5f, -40f, Float.NEGATIVE_INFINITY, Float.NaN}) {
                    float[] ea = new float[x.length + 2];
                    float[] eb = new float[x.length + 2];
                    best.expShifted(x, off, shift, ea, 2, x.length - off);
                    scalar.expShifted(x, off, shift, eb, 2, x.length - off);
                    assertArrayEquals(eb, ea, "expShifted n=" + n + " shift " + shift);
                    for (int i = off; i < x.length; i++) {
                        assertEquals(Float.floatToIntBits(FastMath.exp(x[i] - shift)),
                                Float.floatToIntBits(eb[2 + i - off]), "expShifted is FastMath.exp(x - shift)");
                    }
                }
            }
        }
    }

    private static void assertUlp(String name, DoubleUnaryOperator exact, FloatUnary fast, int maxUlp, float lo,
                                  float hi) {
        SplittableRandom r = new SplittableRandom(1);
        int worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float x = i % 2 == 0 ? (float) (lo + (hi - lo) * r.nextDouble()) : Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(x)) continue;
            worst = Math.max(worst, check(name, exact, fast, x, maxUlp));
        }
        for (float x : SPECIAL) {
            check(name, exact, fast, x, maxUlp);
            check(name, exact, fast, -x, maxUlp);
        }
        assertTrue(worst <= maxUlp, name + " worst " + worst + " ulp");
    }

    private static int check(String name, DoubleUnaryOperator exact, FloatUnary fast, float x, int maxUlp) {
        double e = exact.applyAsDouble(x);
        float want = (float) e;
        float got = fast.apply(x);
        if (want == got) return 0;
        // Below the normal range FastMath flushes exp to 0: allow an absolute error of FLT_MIN there.
        if (Math.abs(want) < Float.MIN_NORMAL && Math.abs(got) <= Float.MIN_NORMAL) return 0;
        double ulps = Math.abs(got - e) / Math.ulp(want);
        if (!(ulps <= maxUlp)) {
            throw new AssertionError(name + "(" + x + ") = " + got + ", expected " + want + " within " + maxUlp
                    + " ulp (" + ulps + ")");
        }
        return (int) Math.ceil(ulps);
    }

    @FunctionalInterface
    interface FloatUnary {
        float apply(float x);
    }
}
