package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

/**
 * Element-wise ops with scalar arguments, with PyTorch's edge cases:
 * <pre>
 *   clamp(x, lo, hi) = min(max(x, lo), hi)    dx = g where lo <= x <= hi, else 0
 *   pow(x, e) = x^e                           dx = g e x^(e-1); dx = 0 everywhere when e = 0
 * </pre>
 * clamp: lo > hi sets every element to hi (with zero gradient), a NaN bound or element gives
 * NaN; the bounds are rounded to float first, as PyTorch casts them to the tensor's dtype. At a
 * bound the gradient passes. pow: e = 0 gives ones and a zero gradient even at x = 0; e = 1 copies; e
 * of 0.5, -0.5, -1, 2, 3 and -2 are computed as sqrt, 1/sqrt, 1/x, x·x, x·x·x and 1/(x·x), as
 * PyTorch does (so 0^-0.5 = 1/sqrt(-0) = -inf at x = -0); other exponents by {@link Math#pow}.
 * The gradient uses the same power, so at 0 it is inf for 0 &lt; e &lt; 1 and 0 for e &gt; 1.
 */
final class ScalarOps {
    private ScalarOps() {}

    static Tensor clamp(Tensor t, double min, double max) {
        DTypeOps.requireFloat("clamp", t);
        float lo = (float) min;
        float hi = (float) max;
        Tensor out = PointwiseOps.unary(t, x -> Math.min(Math.max(x, lo), hi));
        return record(out, "ClampBackward1", g -> new Tensor[] {
            PointwiseOps.binary(g, t, (gg, x) -> x >= lo && x <= hi ? gg : 0f)}, t);
    }

    static Tensor pow(Tensor t, double exponent) {
        DTypeOps.requireFloat("pow", t);
        Tensor out = PointwiseOps.unary(t, x -> (float) power(x, exponent));
        return record(out, "PowBackward0", g -> new Tensor[] {exponent == 0 ? Tensor.zeros(t.shape)
            : PointwiseOps.binary(g, t, (gg, x) -> (float) (gg * (exponent * power(x, exponent - 1))))}, t);
    }

    /** x^e with PyTorch's special cases (ATen's pow_tensor_scalar kernel). */
    static double power(float x, double e) {
        double v = x;
        if (e == 0) return 1;
        if (e == 1) return v;
        if (e == 0.5) return Math.sqrt(v);
        if (e == -0.5) return 1 / Math.sqrt(v);
        if (e == -1) return 1 / v;
        if (e == 2) return v * v;
        if (e == 3) return v * v * v;
        if (e == -2) return 1 / (v * v);
        return Math.pow(v, e);
    }
}
