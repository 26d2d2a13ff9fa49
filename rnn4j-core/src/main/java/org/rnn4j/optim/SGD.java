package org.rnn4j.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, like {@code torch.optim.SGD}
 * (PyTorch 1.13 / 2.x, single-tensor implementation, float32).
 *
 * <p>For each parameter {@code p} with gradient {@code g} (γ = lr, μ = momentum, τ = dampening,
 * λ = weight decay), at its t-th step (t counts the steps where {@code p} had a gradient):
 * <pre>
 *   g ← −g                              if maximize
 *   g ← g + λ·p                         if λ ≠ 0
 *   if μ ≠ 0:
 *     b ← g                             if t = 1 (the buffer starts as the gradient; no dampening)
 *     b ← μ·b + (1 − τ)·g               otherwise
 *     g ← g + μ·b                       if nesterov
 *     g ← b                             otherwise
 *   p ← p − γ·g
 * </pre>
 *
 * <p>State dict ({@link #stateDict()}): {@code state.{i}.momentum_buffer} (b, only with momentum;
 * SGD keeps no step count); {@code param_groups.0.lr}, {@code momentum}, {@code dampening},
 * {@code weight_decay}, {@code nesterov}, {@code maximize}.
 *
 * <p>Usage: {@code new SGD(model.parameters(), 0.1)} or
 * {@code new SGD(params, SGD.options().lr(0.01).momentum(0.9).nesterov(true))}.
 * Not thread-safe.
 */
public final class SGD extends Optimizer {

    /**
     * SGD's hyper-parameters, an immutable value; each fluent setter returns a changed copy.
     * Defaults ({@link SGD#options()}): lr 1e-3 (PyTorch 2.x's default), momentum 0, dampening 0,
     * nesterov false, weight decay 0, maximize false. Checked when an optimizer is built.
     */
    public record Options(double lr, double momentum, double dampening, boolean nesterov,
                          double weightDecay, boolean maximize) {
        public Options lr(double lr) {
            return new Options(lr, momentum, dampening, nesterov, weightDecay, maximize);
        }

        public Options momentum(double momentum) {
            return new Options(lr, momentum, dampening, nesterov, weightDecay, maximize);
        }

        public Options dampening(double dampening) {
            return new Options(lr, momentum, dampening, nesterov, weightDecay, maximize);
        }

        public Options nesterov(boolean nesterov) {
            return new Options(lr, momentum, dampening, nesterov, weightDecay, maximize);
        }

        public Options weightDecay(double weightDecay) {
            return new Options(lr, momentum, dampening, nesterov, weightDecay, maximize);
        }

        public Options maximize(boolean maximize) {
            return new Options(lr, momentum, dampening, nesterov, weightDecay, maximize);
        }
    }

    private static final Options DEFAULTS = new Options(1e-3, 0.0, 0.0, false, 0.0, false);

    /** The default options. */
    public static Options options() {
        return DEFAULTS;
    }

    private static final Set<String> GROUP_KEYS =
            Set.of("lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize");

    private Options opts;
    /** Momentum buffer per parameter (slot 0), allocated at its first step with a gradient. */
    private final ParamStates states;

    /** Plain SGD with learning rate {@code lr}. */
    public SGD(List<Tensor> params, double lr) {
        this(params, DEFAULTS.lr(lr));
    }

    /**
     * SGD with the given options.
     *
     * @throws IllegalArgumentException in PyTorch's words: "Invalid learning rate: -1.0",
     *     "Invalid momentum value: ...", "Invalid weight_decay value: ...", "Nesterov momentum
     *     requires a momentum and zero dampening"; NaN values are rejected too
     */
    public SGD(List<Tensor> params, Options options) {
        super(params);
        check(options, false);
        this.opts = options;
        this.states = new ParamStates("SGD", params(), false, List.of("momentum_buffer"), Set.of());
    }

    /** {@code loaded}: a state may hold what a scheduler left, any lr and momentum but NaN. */
    private static void check(Options o, boolean loaded) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        checkLr(o.lr(), loaded);
        if (!loaded || Double.isNaN(o.momentum())) checkMomentum(o.momentum());
        if (Double.isNaN(o.dampening())) {
            throw new IllegalArgumentException("Invalid dampening value: " + Py.repr(o.dampening()));
        }
        checkWeightDecay(o.weightDecay());
        if (o.nesterov() && (o.momentum() <= 0 || o.dampening() != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
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
        putLr(lr);
    }

    @Override
    void putLr(double lr) {
        opts = opts.lr(lr);
    }

    private static void checkMomentum(double momentum) {
        if (!(momentum >= 0.0)) {
            throw new IllegalArgumentException("Invalid momentum value: " + Py.repr(momentum));
        }
    }

    /** {@code "momentum"}: OneCycleLR cycles it. */
    @Override
    public String momentumKey() {
        return "momentum";
    }

    @Override
    public double momentum() {
        return opts.momentum();
    }

    /** Sets the momentum ("Invalid momentum value: ..." if negative or NaN). */
    @Override
    public void setMomentum(double momentum) {
        checkMomentum(momentum);
        putMomentum(momentum);
    }

    @Override
    void putMomentum(double momentum) {
        opts = opts.momentum(momentum);
    }

    @Override
    public void step() {
        final Options o = opts;
        // Python floats become float32 scalars in ATen's kernels.
        final float negLr = (float) -o.lr();
        final float wd = (float) o.weightDecay();
        final boolean decay = o.weightDecay() != 0;
        final float mom = (float) o.momentum();
        final boolean useMomentum = o.momentum() != 0;
        final float oneMinusDamp = (float) (1 - o.dampening());
        final boolean nesterov = o.nesterov();
        final boolean maximize = o.maximize();
        forEachWithGrad((i, p, po, g, go, n) -> {
            float[] buf = states.buffer(0, i);
            boolean first = false;
            if (useMomentum && buf == null) {
                buf = states.bufferOrZeros(0, i, n);
                first = true;
            }
            // ATen computes add(x, y, alpha) as one fused multiply-add, fma(alpha, y, x): so do we.
            for (int j = 0; j < n; j++) {
                float d = maximize ? -g[go + j] : g[go + j];
                if (decay) d = Math.fma(wd, p[po + j], d);
                if (useMomentum) {
                    float b = first ? d : Math.fma(oneMinusDamp, d, buf[j] * mom);
                    buf[j] = b;
                    d = nesterov ? Math.fma(mom, b, d) : b;
                }
                p[po + j] = Math.fma(negLr, d, p[po + j]);
            }
        });
    }

    @Override
    ParamStates states() {
        return states;
    }

    @Override
    Set<String> groupKeys() {
        return GROUP_KEYS;
    }

    @Override
    void writeGroup(Map<String, Tensor> out, String prefix) {
        StateDicts.putDouble(out, prefix + "lr", opts.lr());
        StateDicts.putDouble(out, prefix + "momentum", opts.momentum());
        StateDicts.putDouble(out, prefix + "dampening", opts.dampening());
        StateDicts.putDouble(out, prefix + "weight_decay", opts.weightDecay());
        StateDicts.putBool(out, prefix + "nesterov", opts.nesterov());
        StateDicts.putBool(out, prefix + "maximize", opts.maximize());
    }

    /** lr, momentum, dampening and weight_decay are required; nesterov and maximize default to false. */
    @Override
    void readGroup(Map<String, Tensor> in, String prefix) {
        Options o = new Options(StateDicts.getDouble(in, prefix + "lr"), StateDicts.getDouble(in, prefix + "momentum"),
                StateDicts.getDouble(in, prefix + "dampening"), StateDicts.getBool(in, prefix + "nesterov", false),
                StateDicts.getDouble(in, prefix + "weight_decay"), StateDicts.getBool(in, prefix + "maximize", false));
        check(o, true);
        opts = o;
    }
}
