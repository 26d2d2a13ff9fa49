package org.rnn4j.optim;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;

/**
 * Gradient clipping, like {@code torch.nn.utils.clip_grad_norm_} and
 * {@code torch.nn.utils.clip_grad_value_}: call between {@code loss.backward()} and
 * {@code optimizer.step()}. Both modify the gradients in place and skip parameters whose
 * gradient is null.
 *
 * <p>{@link #clipGradNorm}: with {@code n_i = ‖grad_i‖_p} per parameter and
 * {@code total = ‖(n_1, …, n_k)‖_p} (for p = ∞: {@code max_i max |grad_i|}),
 * <pre>
 *   coef = maxNorm / (total + 1e-6)
 *   grad_i ← grad_i · min(coef, 1)      for every gradient
 * </pre>
 * so the gradients are only scaled down, never up. The norms are accumulated in double and
 * rounded to float32 like PyTorch's per-tensor results; the clip coefficient is float32 as in
 * PyTorch. A NaN total norm makes every gradient NaN, as in PyTorch, unless
 * {@code errorIfNonfinite} asks for an exception instead.
 *
 * <p>{@link #clipGradValue}: {@code grad ← clamp(grad, −clipValue, clipValue)} element-wise.
 */
public final class Clip {
    private Clip() {
    }

    /** {@link #clipGradNorm(List, double, double, boolean)} with the 2-norm, no error if non-finite. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0, false);
    }

    /** {@link #clipGradNorm(List, double, double, boolean)}, no error if non-finite. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        return clipGradNorm(params, maxNorm, normType, false);
    }

    /**
     * Scales all gradients of {@code params} together so that their total {@code normType}-norm
     * is at most {@code maxNorm}.
     *
     * @param normType p of the p-norm: any value, including {@code Double.POSITIVE_INFINITY}
     *     (largest magnitude), 0 (count of non-zeros) and negative values, as {@code torch.norm}
     * @param errorIfNonfinite throw instead of scaling when the total norm is NaN or infinite
     * @return the total norm of the gradients before clipping (0 if no parameter has a gradient)
     * @throws IllegalArgumentException if {@code params} or an element is null, or {@code maxNorm}
     *     or {@code normType} is NaN, or {@code maxNorm} is negative
     * @throws NonFiniteGradientException if {@code errorIfNonfinite} and the total norm is not finite
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType,
                                      boolean errorIfNonfinite) {
        if (Double.isNaN(maxNorm) || maxNorm < 0) {
            throw new IllegalArgumentException("max_norm must be a non-negative number, got " + Py.repr(maxNorm));
        }
        if (Double.isNaN(normType)) {
            throw new IllegalArgumentException("norm_type must be a number, got nan");
        }
        List<Tensor> grads = grads(params);
        if (grads.isEmpty()) return 0.0;
        float[] norms = new float[grads.size()];
        for (int i = 0; i < norms.length; i++) {
            Tensor g = grads.get(i);
            if (g.isContiguous()) {
                norms[i] = norm(TensorAccess.storage(g), TensorAccess.offset(g), g.numel(), normType);
            } else {
                norms[i] = norm(g.toFloatArray(), 0, g.numel(), normType);
            }
        }
        float total = norms.length == 1 && normType == Double.POSITIVE_INFINITY
                ? norms[0] : norm(norms, 0, norms.length, normType);
        if (errorIfNonfinite && !Float.isFinite(total)) {
            throw new NonFiniteGradientException("The total norm of order " + Py.repr(normType)
                    + " for gradients from `parameters` is non-finite, so it cannot be clipped. To "
                    + "disable this error and scale the gradients by the non-finite norm anyway, set "
                    + "`error_if_nonfinite=False`", total);
        }
        // PyTorch: clip_coef = max_norm / (total_norm + 1e-6), a float32 tensor computed as
        // reciprocal(total + 1e-6) * max_norm, then clamped to at most 1 (NaN stays NaN).
        float coef = (1f / (total + 1e-6f)) * (float) maxNorm;
        float clamped = Float.isNaN(coef) ? coef : Math.min(coef, 1f);
        if (clamped != 1f) {
            for (Tensor g : grads) scale(g, clamped);
        }
        return total;
    }

    /**
     * Clamps every gradient element of {@code params} to {@code [-clipValue, clipValue]} in place.
     *
     * @throws IllegalArgumentException if {@code params} or an element is null, or
     *     {@code clipValue} is NaN or negative
     */
    public static void clipGradValue(List<Tensor> params, double clipValue) {
        if (Double.isNaN(clipValue) || clipValue < 0) {
            throw new IllegalArgumentException("clip_value must be a non-negative number, got " + Py.repr(clipValue));
        }
        float hi = (float) clipValue;
        float lo = -hi;
        for (Tensor g : grads(params)) {
            if (g.isContiguous()) {
                clamp(TensorAccess.storage(g), TensorAccess.offset(g), g.numel(), lo, hi);
            } else {
                float[] d = g.toFloatArray();
                clamp(d, 0, d.length, lo, hi);
                g.copyFrom(TensorAccess.wrap(d, g.shape()));
            }
        }
    }

    private static List<Tensor> grads(List<Tensor> params) {
        if (params == null) throw new IllegalArgumentException("params must not be null");
        List<Tensor> grads = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) throw new IllegalArgumentException("parameter " + i + " is null");
            Tensor g = TensorAccess.grad(p); // the library's own use: zeroGrad may still reuse the array
            if (g != null) grads.add(g);
        }
        return grads;
    }

    private static void clamp(float[] d, int off, int n, float lo, float hi) {
        for (int j = off; j < off + n; j++) {
            // NaN stays NaN, as torch.clamp
            d[j] = Math.min(Math.max(d[j], lo), hi);
        }
    }

    private static void scale(Tensor g, float c) {
        if (g.isContiguous()) {
            float[] d = TensorAccess.storage(g);
            int off = TensorAccess.offset(g);
            for (int j = off, end = off + g.numel(); j < end; j++) d[j] *= c;
        } else {
            float[] d = g.toFloatArray();
            for (int j = 0; j < d.length; j++) d[j] *= c;
            g.copyFrom(TensorAccess.wrap(d, g.shape()));
        }
    }

    /** {@code torch.norm(x, p)} of {@code x[off .. off+n)}, accumulated in double, as float32. */
    static float norm(float[] x, int off, int n, double p) {
        int end = off + n;
        if (p == Double.POSITIVE_INFINITY || p == Double.NEGATIVE_INFINITY) {
            boolean max = p > 0;
            float r = max ? 0f : Float.POSITIVE_INFINITY;
            for (int j = off; j < end; j++) {
                float a = Math.abs(x[j]);
                if (Float.isNaN(a)) return Float.NaN;
                r = max ? Math.max(r, a) : Math.min(r, a);
            }
            return r;
        }
        double s = 0;
        if (p == 0) {
            for (int j = off; j < end; j++) if (x[j] != 0f) s += 1;
            return (float) s;
        }
        if (p == 1) {
            for (int j = off; j < end; j++) s += Math.abs((double) x[j]);
            return (float) s;
        }
        if (p == 2) {
            for (int j = off; j < end; j++) s += (double) x[j] * x[j];
            return (float) Math.sqrt(s);
        }
        for (int j = off; j < end; j++) s += Math.pow(Math.abs((double) x[j]), p);
        return (float) Math.pow(s, 1 / p);
    }
}
