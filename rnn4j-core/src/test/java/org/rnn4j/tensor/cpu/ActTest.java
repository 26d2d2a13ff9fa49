package org.rnn4j.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActTest {
    /** The fast tanh stays within one float ulp of the exactly rounded value over the whole range. */
    @Test
    void tanhWithinOneUlp() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 2_000_000; i++) {
            float x = Float.intBitsToFloat(r.nextInt()) ;
            if (Float.isNaN(x)) continue;
            check(x);
        }
        for (float x = -12f; x <= 12f; x += 1e-4f) check(x);
        for (float x : new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, 0x1p-10f, 0x1.0p-11f, 10f,
                                    10.0001f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e4f, -1e4f}) {
            check(x);
        }
        assertTrue(Float.isNaN(Act.tanh(Float.NaN)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Act.tanh(-0f)));
    }

    private static void check(float x) {
        float exact = (float) Math.tanh(x);
        float got = Act.tanh(x);
        float ulp = Math.ulp(exact);
        if (Math.abs(got - exact) > ulp) {
            throw new AssertionError("tanh(" + x + ") = " + got + ", expected " + exact + " within 1 ulp");
        }
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        assertEquals(1f, Act.sigmoid(1e4f));
        assertEquals(0f, Act.sigmoid(-1e4f));
        assertEquals(0.5f, Act.sigmoid(0f));
        assertEquals(1f, Act.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, Act.sigmoid(Float.NEGATIVE_INFINITY));
    }
}
