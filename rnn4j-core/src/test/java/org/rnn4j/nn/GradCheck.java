package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.rnn4j.tensor.Tensor;

/**
 * Finite-difference gradient check against a double-precision twin of the model.
 *
 * <p>The float32 model's outputs are first checked against the double model's; then the loss
 * L = Σ_k r_k · out_k (r fixed Gaussian weights, so every output gets a distinct gradient) is
 * back-propagated through the float32 model, and every gradient element is compared with the
 * central difference (L(p + ε) - L(p - ε)) / 2ε of the DOUBLE model, ε = 1e-6. Taking the
 * differences in double keeps their truncation and rounding error near 1e-9, so the tolerance
 * only has to cover the float32 model's own rounding.
 */
final class GradCheck {
    /** |fused - reference| ≤ ATOL + RTOL · |reference|, for outputs and gradients alike. */
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-4;
    private static final double EPS = 1e-6;

    private GradCheck() {}

    /**
     * @param leaves   the model's inputs that require grad: parameters and data (x, h0, c0), by name
     * @param floatRun the float32 model: outputs in a fixed order
     * @param doubleRun the double twin: the same outputs flattened and concatenated in that order
     */
    static void check(Map<String, Tensor> leaves, Function<Map<String, Tensor>, Tensor[]> floatRun,
                      Function<Map<String, double[]>, double[]> doubleRun, long seed) {
        Map<String, double[]> dp = new LinkedHashMap<>();
        leaves.forEach((k, v) -> {
            v.requiresGrad(true);
            v.setGrad(null);
            dp.put(k, toDouble(v.toFloatArray()));
        });
        Tensor[] outs = floatRun.apply(leaves);
        double[] expected = doubleRun.apply(dp);
        Random rnd = new Random(seed);
        double[] r = new double[expected.length];
        for (int i = 0; i < r.length; i++) r[i] = rnd.nextGaussian();
        Tensor loss = null;
        int at = 0;
        for (Tensor o : outs) {
            float[] got = o.toFloatArray();
            float[] w = new float[got.length];
            for (int i = 0; i < got.length; i++) {
                assertClose(expected[at + i], got[i], "output element " + (at + i));
                w[i] = (float) r[at + i];
            }
            at += got.length;
            Tensor term = o.mul(Tensor.of(w, o.shape())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        assertEquals(expected.length, at, "output count");
        loss.backward();
        for (Map.Entry<String, Tensor> e : leaves.entrySet()) {
            double[] v = dp.get(e.getKey());
            Tensor grad = e.getValue().grad();
            assertNotNull(grad, "no gradient for " + e.getKey());
            float[] g = grad.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                double keep = v[i];
                v[i] = keep + EPS;
                double up = dot(r, doubleRun.apply(dp));
                v[i] = keep - EPS;
                double down = dot(r, doubleRun.apply(dp));
                v[i] = keep;
                assertClose((up - down) / (2 * EPS), g[i], "d loss / d " + e.getKey() + "[" + i + "]");
            }
        }
    }

    static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= ATOL + RTOL * Math.abs(expected),
                () -> what + ": expected " + expected + " but got " + actual);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
