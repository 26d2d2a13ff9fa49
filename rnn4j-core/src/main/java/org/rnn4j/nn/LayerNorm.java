package org.rnn4j.nn;

import java.util.Arrays;
import org.rnn4j.optim.Py;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * Layer normalisation over the last dimension, like {@code torch.nn.LayerNorm(N)}: for each row
 * x of N elements
 * <pre>
 *   μ = Σ x_j / N,   σ² = Σ (x_j - μ)² / N   (biased),   x̂ = (x - μ) / √(σ² + ε),
 *   y = x̂ ⊙ γ + β
 * </pre>
 * with parameters {@code weight} γ [N] (ones) and {@code bias} β [N] (zeros); without
 * {@code elementwiseAffine} there are none, with {@code bias(false)} no β (PyTorch 2.1+).
 * Input [*, N], output the same shape. Forward and the analytic backward
 * <pre>
 *   ∂x̂ = ∂y ⊙ γ,   ∂x = (∂x̂ - mean(∂x̂) - x̂ · mean(∂x̂ ⊙ x̂)) / √(σ² + ε),
 *   ∂γ = Σ_rows ∂y ⊙ x̂,   ∂β = Σ_rows ∂y
 * </pre>
 * are one autograd node ({@link LayerNormFunction}).
 */
public final class LayerNorm extends Module implements UnaryModule {
    /** Immutable options; each setter returns a changed copy. */
    public record Options(double eps, boolean elementwiseAffine, boolean bias) {
        public Options eps(double v) {
            return new Options(v, elementwiseAffine, bias);
        }

        public Options elementwiseAffine(boolean v) {
            return new Options(eps, v, bias);
        }

        public Options bias(boolean v) {
            return new Options(eps, elementwiseAffine, v);
        }
    }

    /** PyTorch's defaults: eps 1e-5, elementwise affine, with bias. */
    public static Options options() {
        return new Options(1e-5, true, true);
    }

    private final int normalizedShape;
    private final Options config;
    private final Tensor weight;
    private final Tensor bias;

    public LayerNorm(int normalizedShape) {
        this(normalizedShape, options());
    }

    public LayerNorm(int normalizedShape, Options options) {
        if (options == null) throw new IllegalArgumentException("options must not be null");
        if (normalizedShape < 0) {
            throw new IllegalArgumentException("Trying to create tensor with negative dimension " + normalizedShape
                    + ": [" + normalizedShape + "] (normalized_shape)");
        }
        this.normalizedShape = normalizedShape;
        this.config = options;
        boolean affine = options.elementwiseAffine();
        this.weight = affine ? registerParameter("weight", Tensor.ones(normalizedShape)) : null;
        this.bias = affine && options.bias() ? registerParameter("bias", Tensor.zeros(normalizedShape)) : null;
    }

    /** Normalises every row of the last dimension; input [*, normalized_shape]. */
    @Override
    public Tensor forward(Tensor input) {
        if (input == null) throw new IllegalArgumentException("LayerNorm: input must not be null");
        if (input.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("LayerNorm: expected input of dtype FLOAT32, but got " + input.dtype());
        }
        if (input.dim() == 0 || input.size(-1) != normalizedShape) {
            throw new IllegalArgumentException("Given normalized_shape=[" + normalizedShape
                    + "], expected input with shape [*, " + normalizedShape + "], but got input of size"
                    + Arrays.toString(input.shape()));
        }
        return LayerNormFunction.apply(input, weight, bias, config.eps());
    }

    public int normalizedShape() {
        return normalizedShape;
    }

    public double eps() {
        return config.eps();
    }

    public boolean elementwiseAffine() {
        return config.elementwiseAffine();
    }

    /** The options this module was built with, to rebuild it. */
    public Options config() {
        return config;
    }

    /** γ [N], or null without elementwise affine. */
    public Tensor weight() {
        return weight;
    }

    /** β [N], or null without elementwise affine or with {@code bias(false)}. */
    public Tensor bias() {
        return bias;
    }

    /** PyTorch's repr, which does not show {@code bias}: {@code (10,), eps=1e-05, elementwise_affine=True}. */
    @Override
    protected String extraRepr() {
        return "(" + normalizedShape + ",), eps=" + Py.repr(config.eps()) + ", elementwise_affine="
                + (config.elementwiseAffine() ? "True" : "False");
    }
}
