package org.rnn4j.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.tensor.Tensor;

/**
 * AdamW, like {@code torch.optim.AdamW} (PyTorch 1.13 / 2.x single-tensor implementation): Adam
 * with decoupled weight decay, float32 state and PyTorch's order of float32 operations.
 *
 * <p>For each parameter {@code p} with gradient {@code g} (γ = lr, β₁, β₂ = betas, ε = eps,
 * λ = weight decay), at its t-th step (t counts the steps where {@code p} had a gradient; m, v and
 * v̂ start at zero):
 * <pre>
 *   g ← −g                                  if maximize
 *   p ← p · (1 − γλ)                        (decoupled: the decay never enters m or v)
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   v̂ ← max(v̂, v)                           if amsgrad (then v̂ replaces v below)
 *   denom = √v / √(1 − β₂ᵗ) + ε
 *   p ← p − (γ / (1 − β₁ᵗ)) · m / denom
 * </pre>
 * {@code 1 − γλ}, the bias corrections and the step size are computed in double, as Python
 * floats, then used as float32 scalars. {@link Adam} adds λ·p to the gradient instead.
 *
 * <p>State dict ({@link #stateDict()}): {@code state.{i}.step}, {@code exp_avg} (m),
 * {@code exp_avg_sq} (v), {@code max_exp_avg_sq} (v̂, amsgrad); {@code param_groups.0.lr},
 * {@code betas}, {@code eps}, {@code weight_decay}, {@code amsgrad}, {@code maximize}.
 *
 * <p>Usage: {@code new AdamW(model.parameters(), 1e-3)} or
 * {@code new AdamW(params, AdamW.options().lr(0.01).weightDecay(0.1).amsgrad(true))}.
 * Not thread-safe.
 */
public final class AdamW extends Optimizer {

    /**
     * AdamW's hyper-parameters, an immutable value; each fluent setter returns a changed copy.
     * Defaults ({@link AdamW#options()}) as PyTorch: lr 1e-3, betas (0.9, 0.999), eps 1e-8,
     * weight decay 0.01, amsgrad false, maximize false. Checked when an optimizer is built.
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

    private static final Options DEFAULTS = new Options(1e-3, 0.9, 0.999, 1e-8, 0.01, false, false);

    /** The default options. */
    public static Options options() {
        return DEFAULTS;
    }

    private Options opts;
    private final ParamStates states;

    /** AdamW with learning rate {@code lr} and the other defaults. */
    public AdamW(List<Tensor> params, double lr) {
        this(params, DEFAULTS.lr(lr));
    }

    /**
     * AdamW with the given options.
     *
     * @throws IllegalArgumentException in PyTorch's words: "Invalid learning rate: -1.0",
     *     "Invalid epsilon value: ...", "Invalid beta parameter at index 0: ...",
     *     "Invalid weight_decay value: ..."; NaN values are rejected too
     */
    public AdamW(List<Tensor> params, Options options) {
        super(params);
        if (options == null) throw new IllegalArgumentException("options must not be null");
        AdamUpdate.check(hyper(options), false);
        this.opts = options;
        this.states = AdamUpdate.states("AdamW", params());
    }

    private static AdamUpdate.Hyper hyper(Options o) {
        return new AdamUpdate.Hyper(o.lr(), o.beta1(), o.beta2(), o.eps(), o.weightDecay(), o.amsgrad(),
                o.maximize(), true);
    }

    /** The options in use (with the current learning rate and beta1). */
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
        putLr(lr);
    }

    @Override
    void putLr(double lr) {
        opts = opts.lr(lr);
    }

    /** {@code "betas"}: OneCycleLR cycles beta1. */
    @Override
    public String momentumKey() {
        return "betas";
    }

    /** beta1. */
    @Override
    public double momentum() {
        return opts.beta1();
    }

    /** Sets beta1 ("Invalid beta parameter at index 0: ..." outside [0, 1)). */
    @Override
    public void setMomentum(double beta1) {
        AdamUpdate.checkBeta1(beta1);
        putMomentum(beta1);
    }

    @Override
    void putMomentum(double beta1) {
        opts = opts.betas(beta1, opts.beta2());
    }

    @Override
    public void step() {
        AdamUpdate.step(this, states, hyper(opts));
    }

    @Override
    ParamStates states() {
        return states;
    }

    @Override
    Set<String> groupKeys() {
        return AdamUpdate.GROUP_KEYS;
    }

    @Override
    void writeGroup(Map<String, Tensor> out, String prefix) {
        AdamUpdate.writeGroup(out, prefix, hyper(opts));
    }

    @Override
    void readGroup(Map<String, Tensor> in, String prefix) {
        AdamUpdate.Hyper h = AdamUpdate.readGroup(in, prefix, true);
        opts = new Options(h.lr(), h.beta1(), h.beta2(), h.eps(), h.weightDecay(), h.amsgrad(), h.maximize());
    }
}
