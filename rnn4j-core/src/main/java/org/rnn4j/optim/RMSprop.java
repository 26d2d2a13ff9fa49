package org.rnn4j.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.tensor.Tensor;

/**
 * RMSprop, like {@code torch.optim.RMSprop} (PyTorch 1.13 / 2.x single-tensor implementation),
 * with float32 state and PyTorch's order of float32 operations.
 *
 * <p>For each parameter {@code p} with gradient {@code g} (γ = lr, α = alpha, ε = eps,
 * λ = weight decay, μ = momentum; v, g̅ and b start at zero):
 * <pre>
 *   g ← −g                                  if maximize
 *   g ← g + λ·p                             if λ ≠ 0
 *   v ← α·v + (1 − α)·g²
 *   g̅ ← α·g̅ + (1 − α)·g                     if centered
 *   a = √(v − g̅²) + ε                       if centered, else √v + ε
 *   b ← μ·b + g / a;   p ← p − γ·b          if μ &gt; 0
 *   p ← p − γ·g / a                         otherwise
 * </pre>
 * Python floats such as {@code 1 − α} are computed in double, then used as float32 scalars.
 *
 * <p>State dict ({@link #stateDict()}): {@code state.{i}.step}, {@code square_avg} (v),
 * {@code momentum_buffer} (b, with momentum), {@code grad_avg} (g̅, centered);
 * {@code param_groups.0.lr}, {@code momentum}, {@code alpha}, {@code eps}, {@code centered},
 * {@code weight_decay}, {@code maximize}.
 *
 * <p>Usage: {@code new RMSprop(model.parameters(), 0.01)} or
 * {@code new RMSprop(params, RMSprop.options().lr(0.001).momentum(0.9).centered(true))}.
 * Not thread-safe.
 */
public final class RMSprop extends Optimizer {

    /**
     * RMSprop's hyper-parameters, an immutable value; each fluent setter returns a changed copy.
     * Defaults ({@link RMSprop#options()}) as PyTorch: lr 1e-2, alpha 0.99, eps 1e-8, weight
     * decay 0, momentum 0, centered false, maximize false. Checked when an optimizer is built.
     */
    public record Options(double lr, double alpha, double eps, double weightDecay, double momentum,
                          boolean centered, boolean maximize) {
        public Options lr(double lr) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        /** Smoothing constant of the squared-gradient average. */
        public Options alpha(double alpha) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        public Options eps(double eps) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        public Options weightDecay(double weightDecay) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        public Options momentum(double momentum) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        /** Normalize by the estimated variance of the gradient instead of its second moment. */
        public Options centered(boolean centered) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        public Options maximize(boolean maximize) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }
    }

    private static final Options DEFAULTS = new Options(1e-2, 0.99, 1e-8, 0.0, 0.0, false, false);
    private static final Set<String> GROUP_KEYS =
            Set.of("lr", "momentum", "alpha", "eps", "centered", "weight_decay", "maximize");
    private static final int SQUARE_AVG = 0;
    private static final int MOMENTUM_BUFFER = 1;
    private static final int GRAD_AVG = 2;

    /** The default options. */
    public static Options options() {
        return DEFAULTS;
    }

    private Options opts;
    private final ParamStates states;

    /** RMSprop with learning rate {@code lr} and the other defaults. */
    public RMSprop(List<Tensor> params, double lr) {
        this(params, DEFAULTS.lr(lr));
    }

    /**
     * RMSprop with the given options.
     *
     * @throws IllegalArgumentException in PyTorch's words: "Invalid learning rate: -1.0",
     *     "Invalid epsilon value: ...", "Invalid momentum value: ...", "Invalid weight_decay
     *     value: ...", "Invalid alpha value: ..."; NaN values are rejected too
     */
    public RMSprop(List<Tensor> params, Options options) {
        super(params);
        check(options, false);
        this.opts = options;
        // The momentum buffer and the gradient average appear lazily (as zeros, like PyTorch's
        // initial state) when momentum or centering is on, so they are not required in a state dict.
        this.states = new ParamStates("RMSprop", params(), true,
                List.of("square_avg", "momentum_buffer", "grad_avg"), Set.of("square_avg"));
    }

    /** {@code loaded}: a state may hold what a scheduler left, any lr and momentum but NaN. */
    private static void check(Options o, boolean loaded) {
        if (o == null) throw new IllegalArgumentException("options must not be null");
        checkLr(o.lr(), loaded);
        if (!(o.eps() >= 0.0)) {
            throw new IllegalArgumentException("Invalid epsilon value: " + Py.repr(o.eps()));
        }
        if (!loaded || Double.isNaN(o.momentum())) checkMomentum(o.momentum());
        checkWeightDecay(o.weightDecay());
        if (!(o.alpha() >= 0.0)) {
            throw new IllegalArgumentException("Invalid alpha value: " + Py.repr(o.alpha()));
        }
    }

    private static void checkMomentum(double momentum) {
        if (!(momentum >= 0.0)) {
            throw new IllegalArgumentException("Invalid momentum value: " + Py.repr(momentum));
        }
    }

    /** The options in use (with the current learning rate and momentum). */
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
        final float alpha = (float) o.alpha();
        final float oneMinusAlpha = (float) (1 - o.alpha());
        final float eps = (float) o.eps();
        final float wd = (float) o.weightDecay();
        final boolean decay = o.weightDecay() != 0;
        final float mom = (float) o.momentum();
        final boolean useMomentum = o.momentum() > 0;
        final float negLr = (float) -o.lr();
        final boolean centered = o.centered();
        final boolean maximize = o.maximize();
        forEachWithGrad((i, p, po, g, go, n) -> {
            states.nextStep(i);
            float[] v = states.bufferOrZeros(SQUARE_AVG, i, n);
            float[] b = useMomentum ? states.bufferOrZeros(MOMENTUM_BUFFER, i, n) : null;
            float[] ga = centered ? states.bufferOrZeros(GRAD_AVG, i, n) : null;
            for (int j = 0; j < n; j++) {
                float gj = maximize ? -g[go + j] : g[go + j];
                // ATen: add(x, y, alpha) = fma(alpha, y, x); addcmul(x, a, b, value) = fma(value*a, b, x);
                // addcdiv(x, a, b, value) = x + (value*a)/b, unfused.
                if (decay) gj = Math.fma(wd, p[po + j], gj);
                float vj = Math.fma(oneMinusAlpha * gj, gj, v[j] * alpha);
                v[j] = vj;
                float avg;
                if (centered) {
                    float gaj = Math.fma(oneMinusAlpha, gj, ga[j] * alpha);
                    ga[j] = gaj;
                    avg = (float) Math.sqrt(Math.fma(-gaj, gaj, vj));
                } else {
                    avg = (float) Math.sqrt(vj);
                }
                avg += eps;
                if (useMomentum) {
                    float bj = b[j] * mom + gj / avg;
                    b[j] = bj;
                    p[po + j] = Math.fma(negLr, bj, p[po + j]);
                } else {
                    p[po + j] = p[po + j] + negLr * gj / avg;
                }
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
        StateDicts.putDouble(out, prefix + "alpha", opts.alpha());
        StateDicts.putDouble(out, prefix + "eps", opts.eps());
        StateDicts.putBool(out, prefix + "centered", opts.centered());
        StateDicts.putDouble(out, prefix + "weight_decay", opts.weightDecay());
        StateDicts.putBool(out, prefix + "maximize", opts.maximize());
    }

    /** lr, alpha, eps and weight_decay are required; momentum (0), centered and maximize (false) default. */
    @Override
    void readGroup(Map<String, Tensor> in, String prefix) {
        Options o = new Options(StateDicts.getDouble(in, prefix + "lr"), StateDicts.getDouble(in, prefix + "alpha"),
                StateDicts.getDouble(in, prefix + "eps"), StateDicts.getDouble(in, prefix + "weight_decay"),
                StateDicts.getDouble(in, prefix + "momentum", 0.0), StateDicts.getBool(in, prefix + "centered", false),
                StateDicts.getBool(in, prefix + "maximize", false));
        check(o, true);
        opts = o;
    }
}
