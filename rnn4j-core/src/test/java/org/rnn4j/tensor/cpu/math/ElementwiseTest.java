package org.rnn4j.tensor.cpu.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector element-wise loops against the scalar reference, bit for bit, at odd offsets and lengths. */
class ElementwiseTest {
    private static final Elementwise V = Elementwise.get();
    private static final Elementwise S = Elementwise.scalar();

    @Test
    void vectorPathIsLoadedWhenTheModuleIsPresent() {
        String expected = VectorSupport.enabled() ? "VectorElementwise" : "ScalarElementwise";
        assertEquals(expected, V.getClass().getSimpleName());
    }

    /** Mostly ordinary values, with zeros of both signs, infinities, NaN and subnormals mixed in. */
    private static float[] values(Random r, int n) {
        float[] a = new float[n];
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE, 1e-39f};
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(40) == 0 ? special[r.nextInt(special.length)] : (float) (r.nextGaussian() * 3);
        }
        return a;
    }

    interface Op {
        void run(Elementwise e, float[][] in, int off, float[] out, int oo, int n);
    }

    private static void check(String name, int inputs, Op op) {
        Random r = new Random(name.hashCode());
        for (int n : new int[] {0, 1, 7, 16, 17, 31, 64, 100, 257}) {
            for (int trial = 0; trial < 4; trial++) {
                float[][] in = new float[inputs][];
                for (int i = 0; i < inputs; i++) in[i] = values(r, n + 9);
                int off = r.nextInt(5);
                int oo = r.nextInt(5);
                float[] a = values(new Random(trial), n + 9);
                float[] b = a.clone();
                op.run(S, in, off, a, oo, n);
                op.run(V, in, off, b, oo, n);
                assertArrayEquals(a, b, name + " n=" + n);
            }
        }
    }

    @Test
    void everyOpMatchesTheScalarBits() {
        check("add", 2, (e, in, o, out, oo, n) -> e.add(in[0], o, in[1], o + 1, out, oo, n));
        check("mul", 2, (e, in, o, out, oo, n) -> e.mul(in[0], o, in[1], o + 2, out, oo, n));
        check("addMul", 3, (e, in, o, out, oo, n) -> e.addMul(in[0], o, in[1], o + 1, in[2], o + 3, out, oo, n));
        check("mulAddMul", 4, (e, in, o, out, oo, n) ->
                e.mulAddMul(in[0], o, in[1], o + 1, in[2], o + 2, in[3], o, out, oo, n));
        check("lerp", 3, (e, in, o, out, oo, n) -> e.lerp(in[0], o, in[1], o + 1, in[2], o + 2, out, oo, n));
    }

    @Test
    void inPlaceUpdatesWork() {
        Random r = new Random(4);
        float[] x = values(r, 40);
        float[] y = values(r, 40);
        float[] a = x.clone();
        float[] b = x.clone();
        S.add(a, 3, y, 0, a, 3, 33);
        V.add(b, 3, y, 0, b, 3, 33);
        assertArrayEquals(a, b);
        for (int i = 0; i < 33; i++) assertEquals(x[3 + i] + y[i], a[3 + i]);
    }
}
