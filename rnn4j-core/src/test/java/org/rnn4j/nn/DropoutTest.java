package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnn4j.nn.ModuleBadInputTest.fails;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * Dropout's statistics and modes (issue 11): over many elements the kept fraction is within five
 * standard errors of 1 - p, kept values are exactly x · fl(1/(1-p)) (PyTorch multiplies by the
 * scale as well) and the rest exactly 0, the gradient is the same mask, eval mode and p = 0 are
 * the identity, p = 1 zeroes, a generator state fixes the mask, and the recurrent stacks' dropout
 * is the same function on the default generator.
 */
class DropoutTest {
    private static final int N = 200_000;

    private static Tensor ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = 1f + (i % 1000) * 0.001f; // non-zero, so a zero means dropped
        return Tensor.of(v, n / 100, 100);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3, 0.5, 0.9})
    void keptFractionAndKeptValues(double p) {
        Tensor x = ramp(N).requiresGrad(true);
        Tensor y = new Dropout(p, new Generator(17)).forward(x);
        float scale = (float) (1 / (1 - p));
        float[] xs = x.toFloatArray();
        float[] ys = y.toFloatArray();
        int kept = 0;
        for (int i = 0; i < N; i++) {
            if (ys[i] == 0f) continue;
            kept++;
            assertEquals(xs[i] * scale, ys[i], "kept element " + i + " is x * (1/(1-p))");
            // Two float roundings (the scale, then the product) separate it from the real x/(1-p).
            assertEquals(xs[i] / (1 - p), ys[i], 2 * Math.ulp(ys[i]), "and within two ulps of x/(1-p)");
        }
        double se = Math.sqrt(p * (1 - p) / N);
        assertEquals(1 - p, kept / (double) N, 5 * se, "kept fraction");
        // The two halves separately: a mask that is not independent of position would show here.
        int firstHalf = 0;
        for (int i = 0; i < N / 2; i++) if (ys[i] != 0f) firstHalf++;
        assertEquals(1 - p, firstHalf / (double) (N / 2), 5 * Math.sqrt(p * (1 - p) / (N / 2)), "first half");

        y.sum().backward();
        float[] g = x.grad().toFloatArray();
        for (int i = 0; i < N; i++) assertEquals(ys[i] == 0f ? 0f : scale, g[i], "gradient = mask/(1-p) at " + i);
    }

    @Test
    void evalModeAndPZeroAreTheIdentity() {
        Tensor x = ramp(1000).requiresGrad(true);
        Dropout d = new Dropout(0.5);
        d.eval();
        assertSame(x, d.forward(x), "eval mode returns the input itself");
        d.train();
        Generator g = new Generator(3);
        byte[] before = g.getState();
        assertSame(x, new Dropout(0, g).forward(x), "p = 0 returns the input itself");
        assertArrayEquals(before, g.getState(), "p = 0 draws nothing");
    }

    @Test
    void pOneZeroesEverythingAndItsGradient() {
        Tensor x = ramp(1000).requiresGrad(true);
        Generator g = new Generator(3);
        byte[] before = g.getState();
        Tensor y = new Dropout(1, g).forward(x);
        assertArrayEquals(new float[1000], y.toFloatArray());
        y.sum().backward();
        assertArrayEquals(new float[1000], x.grad().toFloatArray());
        assertArrayEquals(before, g.getState(), "p = 1 draws nothing");
    }

    @Test
    void theSameGeneratorStateGivesTheSameMask() {
        Tensor x = ramp(5000);
        Generator g = new Generator(99);
        byte[] state = g.getState();
        Dropout d = new Dropout(0.4, g);
        float[] first = d.forward(x).toFloatArray();
        float[] second = d.forward(x).toFloatArray();
        assertFalse(Arrays.equals(first, second), "the generator moves on between calls");
        g.setState(state);
        assertArrayEquals(first, d.forward(x).toFloatArray(), "restored state, same mask");
        assertArrayEquals(first, new Dropout(0.4, new Generator(99)).forward(x).toFloatArray(), "same seed, same mask");
    }

    @Test
    void withoutAGeneratorTheDefaultOneIsUsed() {
        Tensor x = ramp(3000);
        Tensor.manualSeed(5);
        float[] a = new Dropout(0.3).forward(x).toFloatArray();
        float[] b = new Dropout(0.3, Generator.defaultGenerator().manualSeed(5)).forward(x).toFloatArray();
        assertArrayEquals(a, b);
        assertSame(Generator.defaultGenerator(), new Dropout(0.3).generator());
    }

    @Test
    void recurrentStacksDropOutThroughTheSameFunction() {
        Tensor x = ramp(2400).reshape(6, 4, 100);
        Tensor.manualSeed(8);
        float[] stack = RecurrentStack.dropout(x, 0.25).toFloatArray();
        byte[] after = Generator.defaultGenerator().getState();
        Tensor.manualSeed(8);
        assertArrayEquals(new Dropout(0.25).forward(x).toFloatArray(), stack);
        assertArrayEquals(after, Generator.defaultGenerator().getState(), "the same number of draws");
    }

    @Test
    void stridedInputKeepsItsLogicalOrder() {
        Tensor x = ramp(600).reshape(6, 100).transpose(0, 1); // [100, 6], not contiguous
        float[] viaView = new Dropout(0.5, new Generator(4)).forward(x).toFloatArray();
        float[] viaCopy = new Dropout(0.5, new Generator(4)).forward(Tensor.of(x.toFloatArray(), 100, 6))
                .toFloatArray();
        assertArrayEquals(viaCopy, viaView, "mask element i goes with the i-th element in row-major order");
    }

    @Test
    void reprAccessorsAndBadInput() {
        assertEquals("Dropout(p=0.5, inplace=False)", new Dropout(0.5).toString());
        assertEquals("Dropout(p=1e-05, inplace=False)", new Dropout(1e-5).toString());
        assertEquals(0.25, new Dropout(0.25).p());
        assertTrue(new Dropout(0.25).parameters().isEmpty());
        for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
            String shown = Double.isNaN(p) ? "nan" : Double.toString(p);
            fails(() -> new Dropout(p), "dropout probability has to be between 0 and 1, but got " + shown);
        }
        fails(() -> new Dropout(0.5).forward(null), "must not be null");
        fails(() -> new Dropout(0.5).forward(Tensor.ofLongs(new long[] {1}, 1)), "FLOAT32", "INT64");
    }
}
