package org.rnn4j.optim;

import java.util.List;
import org.rnn4j.tensor.Tensor;

/**
 * Adam, like {@code torch.optim.Adam} (PyTorch 1.13 / 2.x single-tensor implementation), with
 * float32 state and PyTorch's order of float32 operations, so trajectories match PyTorch's.
 *
 * <p>For each parameter {@code p} with gradient {@code g} (γ = lr, β₁, β₂ = betas, ε = eps,
 * λ = weight decay), at its t-th step (t counts the steps where {@code p} had a gradient; m, v and
 * v̂ start at zero):
 * <pre>
 *   g ← −g                                  if maximize
 *   g ← g + λ·p                             if λ ≠ 0   (L2 added to the gradient, not AdamW)
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   v̂ ← max(v̂, v)                           if amsgrad (then v̂ replaces v below)
 *   denom = √v / √(1 − β₂ᵗ) + ε
 *   p ← p − (γ / (1 − β₁ᵗ)) · m / denom
 * </pre>
 * The bias corrections and the step size are computed in double, as Python floats, then used as
 * float32 scalars.
 *
 * <p>Usage: {@code new Adam(model.parameters(), 1e-3)} or
 * {@code new Adam(params, Adam.options().lr(0.01).betas(0.9, 0.99).amsgrad(true))}.
 * Not thread-safe.
 */
public final class Adam extends Optimizer {

    /**
     * Adam's hyper-parameters, an immutable value; each fluent setter returns a changed copy.
     * Defaults ({@link Adam#options()}) as PyTorch: lr 1e-3, betas (0.9, 0.999), eps 1e-8,
     * weight decay 0, amsgrad false, maximize false. Checked when an optimizer is built.
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay,
                          boolean amsgrad, boolean maximize) {
        public Options lr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** PyTorch's {@code betas=(beta1, beta2)}. */
        public Options betas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        public Options eps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        public Options weightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        public Options amsgrad(boolean amsgrad) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        public Options maximize(boolean maximize) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }
    }

    private static final Options DEFAULTS = new Options(1e-3, 0.9, 0.999, 1e-8, 0.0, false, false);

    /** The default options. */
    public static Options options() {
        return DEFAULTS;
    }

    private Options opts;
    /** Per parameter: steps taken, first moment, second moment, running max of the second moment. */
    private final int[] steps;
    private final float[][] expAvg;
    private final float[][] expAvgSq;
    private final float[][] maxExpAvgSq;

    /** Adam with learning rate {@code lr} and the other defaults. */
    public Adam(List<Tensor> params, double lr) {
        this(params, DEFAULTS.lr(lr));
    }

    /**
     * Adam with the given options.
     *
     * @throws IllegalArgumentException in PyTorch's words: "Invalid learning rate: -1.0",
     *     "Invalid epsilon value: ...", "Invalid beta parameter at index 0: ...",
     *     "Invalid weight_decay value: ..."; NaN values are rejected too
     */
    public Adam(List<Tensor> params, Options options) {
        super(params);
        check(options);
        this.opts = options;
        int k = params().size();
        this.steps = new int[k];
        this.expAvg = new float[k][];
        this.expAvgSq = new float[k][];
        this.maxExpAvgSq = new float[k][];
    }

    private static void check(Options o) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        checkLr(o.lr());
        if (!(o.eps() >= 0.0)) {
            throw new IllegalArgumentException("Invalid epsilon value: " + Py.repr(o.eps()));
        }
        if (!(o.beta1() >= 0.0 && o.beta1() < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + Py.repr(o.beta1()));
        }
        if (!(o.beta2() >= 0.0 && o.beta2() < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + Py.repr(o.beta2()));
        }
        checkWeightDecay(o.weightDecay());
    }

    /** The options in use (with the current learning rate). */
    public Options config() {
        return opts;
    }

    @Override
    public double lr() {
        return opts.lr();
    }

    @Override
    public void setLr(double lr) {
        checkLr(lr);
        opts = opts.lr(lr);
    }

    @Override
    public void step() {
        final Options o = opts;
        final float beta1 = (float) o.beta1();
        final float beta2 = (float) o.beta2();
        final float oneMinusBeta1 = (float) (1 - o.beta1());
        final float oneMinusBeta2 = (float) (1 - o.beta2());
        final float eps = (float) o.eps();
        final float wd = (float) o.weightDecay();
        final boolean decay = o.weightDecay() != 0;
        final boolean amsgrad = o.amsgrad();
        final boolean maximize = o.maximize();
        forEachWithGrad((i, p, po, g, go, n) -> {
            if (expAvg[i] == null) {
                expAvg[i] = new float[n];
                expAvgSq[i] = new float[n];
            }
            if (amsgrad && maxExpAvgSq[i] == null) maxExpAvgSq[i] = new float[n];
            int t = ++steps[i];
            double biasCorrection1 = 1 - Math.pow(o.beta1(), t);
            double biasCorrection2 = 1 - Math.pow(o.beta2(), t);
            float negStepSize = (float) -(o.lr() / biasCorrection1);
            float bc2Sqrt = (float) Math.sqrt(biasCorrection2);
            float[] m = expAvg[i];
            float[] v = expAvgSq[i];
            float[] vMax = maxExpAvgSq[i];
            for (int j = 0; j < n; j++) {
                float gj = maximize ? -g[go + j] : g[go + j];
                // ATen: add(x, y, alpha) = fma(alpha, y, x); addcmul(x, a, b, value) = fma(value*a, b, x);
                // addcdiv(x, a, b, value) = x + (value*a)/b, unfused.
                if (decay) gj = Math.fma(wd, p[po + j], gj);
                float mj = Math.fma(oneMinusBeta1, gj, m[j] * beta1);
                float vj = Math.fma(oneMinusBeta2 * gj, gj, v[j] * beta2);
                m[j] = mj;
                v[j] = vj;
                if (amsgrad) {
                    vj = Math.max(vMax[j], vj);
                    vMax[j] = vj;
                }
                float denom = (float) Math.sqrt(vj) / bc2Sqrt + eps;
                p[po + j] = p[po + j] + negStepSize * mj / denom;
            }
        });
    }
}
