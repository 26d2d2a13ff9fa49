package org.rnn4j.tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.internal.TensorAccess;

/**
 * Finite-difference gradient checker for float32 autograd.
 *
 * <p>The scalar probed is {@code L = Σ w_i f(x)_i} with fixed random weights {@code w}, summed in
 * double outside autograd, so that the analytic side exercises only the op under test (its
 * backward receives {@code w} as the output gradient) and outputs that do not depend on the
 * perturbed element cancel exactly in the difference. Each input element is moved by
 * {@code ±EPS}; the denominator is the step actually taken in float32.
 *
 * <p>With EPS = 1e-2 the truncation error is about EPS²/6 · |f'''| ≈ 2e-5 for the smooth
 * functions used here (inputs kept O(1) and away from kinks and poles), and the float32 rounding
 * error about k · 6e-8 / EPS ≈ 1e-5 per dependent output; a tolerance of {@code 2e-3 · max(1, |g|)}
 * is two orders above that and still rejects a gradient that is 1% wrong
 * ({@code GradCheckTest#checkerRejectsAGradientOnePercentOff}).
 */
public final class GradCheck {
    public static final float EPS = 1e-2f;
    public static final double TOL = 2e-3;

    private GradCheck() {}

    /**
     * Checks the gradients of {@code f} with respect to every input; inputs must be contiguous
     * leaves (they are marked as requiring grad here).
     *
     * @throws AssertionError naming the op, the input, the element and both values on a mismatch
     */
    public static void check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        for (Tensor t : inputs) {
            if (!t.isContiguous() || TensorAccess.offset(t) != 0 || TensorAccess.storage(t).length != t.numel()) {
                throw new IllegalArgumentException("gradcheck inputs must be dense leaves");
            }
            t.setGrad(null);
            t.requiresGrad(true);
        }
        Tensor out = f.apply(inputs);
        float[] w = weights(out.numel(), name.hashCode());
        out.backward(Tensor.of(w, out.shape()));
        for (int k = 0; k < inputs.length; k++) {
            Tensor x = inputs[k];
            Tensor g = x.grad();
            float[] analytic = g == null ? new float[x.numel()] : g.toFloatArray();
            float[] data = TensorAccess.storage(x);
            for (int i = 0; i < data.length; i++) {
                float orig = data[i];
                float up = orig + EPS;
                float down = orig - EPS;
                data[i] = up;
                double lUp = probe(f, inputs, w);
                data[i] = down;
                double lDown = probe(f, inputs, w);
                data[i] = orig;
                double numeric = (lUp - lDown) / ((double) up - (double) down);
                double diff = Math.abs(numeric - analytic[i]);
                if (!(diff <= TOL * Math.max(1.0, Math.abs(numeric)))) {
                    throw new AssertionError(name + ": gradient of input " + k + " (shape "
                            + Arrays.toString(x.shape()) + ") element " + i + ": autograd " + analytic[i]
                            + ", finite differences " + numeric + " (|diff| " + diff + ")");
                }
            }
        }
    }

    private static double probe(Function<Tensor[], Tensor> f, Tensor[] inputs, float[] w) {
        try (var off = GradMode.noGrad()) {
            float[] y = f.apply(inputs).toFloatArray();
            double s = 0;
            for (int i = 0; i < y.length; i++) s += (double) w[i] * y[i];
            return s;
        }
    }

    static float[] weights(int n, long seed) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) (0.5 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
        return w;
    }

    /** Uniform values in [lo, hi) from a fixed seed, as a dense tensor. */
    public static Tensor uniform(long seed, double lo, double hi, int... shape) {
        Random r = new Random(seed);
        float[] v = new float[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return Tensor.of(v, shape);
    }

    /**
     * Values in ±[lo, hi) (random sign), for ops with a kink at zero (abs, relu) so that no
     * element sits within EPS of it.
     */
    public static Tensor awayFromZero(long seed, double lo, double hi, int... shape) {
        Random r = new Random(seed);
        float[] v = new float[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((lo + (hi - lo) * r.nextDouble()) * (r.nextBoolean() ? 1 : -1));
        }
        return Tensor.of(v, shape);
    }
}
