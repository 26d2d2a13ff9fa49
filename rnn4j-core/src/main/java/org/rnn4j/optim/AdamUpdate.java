package org.rnn4j.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.tensor.Tensor;

/**
 * The update shared by {@link Adam} and {@link AdamW} (PyTorch 1.13's {@code _single_tensor_adam}
 * and {@code _single_tensor_adamw}), which differ only in where the weight decay goes, and their
 * common state-dict layout.
 */
final class AdamUpdate {
    static final int EXP_AVG = 0;
    static final int EXP_AVG_SQ = 1;
    static final int MAX_EXP_AVG_SQ = 2;

    /** PyTorch's param_groups keys of Adam and AdamW ({@code decoupled_weight_decay}: PyTorch 2.6+). */
    static final Set<String> GROUP_KEYS =
            Set.of("lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "decoupled_weight_decay");

    /** The hyper-parameters of one step; {@code decoupled} = AdamW. */
    record Hyper(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
                 boolean maximize, boolean decoupled) {
    }

    private AdamUpdate() {
    }

    static ParamStates states(String optimizer, List<Tensor> params) {
        return new ParamStates(optimizer, params, true, List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq"),
                Set.of("exp_avg", "exp_avg_sq"));
    }

    /**
     * Checks as PyTorch's constructors do, in their words; NaN is rejected too. A loaded state
     * ({@code loaded}) may hold what a scheduler left: any lr and beta1 but NaN.
     */
    static void check(Hyper h, boolean loaded) {
        Optimizer.checkLr(h.lr(), loaded);
        if (!(h.eps() >= 0.0)) {
            throw new IllegalArgumentException("Invalid epsilon value: " + Py.repr(h.eps()));
        }
        if (!loaded || Double.isNaN(h.beta1())) checkBeta1(h.beta1());
        if (!(h.beta2() >= 0.0 && h.beta2() < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + Py.repr(h.beta2()));
        }
        Optimizer.checkWeightDecay(h.weightDecay());
    }

    static void checkBeta1(double beta1) {
        if (!(beta1 >= 0.0 && beta1 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + Py.repr(beta1));
        }
    }

    static void step(Optimizer opt, ParamStates st, Hyper h) {
        final float beta1 = (float) h.beta1();
        final float beta2 = (float) h.beta2();
        // Python floats such as 1 - beta1 are computed in double, then used as float32 scalars.
        final float oneMinusBeta1 = (float) (1 - h.beta1());
        final float oneMinusBeta2 = (float) (1 - h.beta2());
        final float eps = (float) h.eps();
        final float wd = (float) h.weightDecay();
        final boolean l2 = !h.decoupled() && h.weightDecay() != 0;
        // AdamW: param.mul_(1 - lr * weight_decay), always; a factor of exactly 1 changes nothing.
        final float decay = (float) (1 - h.lr() * h.weightDecay());
        final boolean decoupled = h.decoupled() && decay != 1f;
        final boolean amsgrad = h.amsgrad();
        final boolean maximize = h.maximize();
        opt.forEachWithGrad((i, p, po, g, go, n) -> {
            int t = st.nextStep(i);
            float[] m = st.bufferOrZeros(EXP_AVG, i, n);
            float[] v = st.bufferOrZeros(EXP_AVG_SQ, i, n);
            float[] vMax = amsgrad ? st.bufferOrZeros(MAX_EXP_AVG_SQ, i, n) : null;
            double biasCorrection1 = 1 - Math.pow(h.beta1(), t);
            double biasCorrection2 = 1 - Math.pow(h.beta2(), t);
            float negStepSize = (float) -(h.lr() / biasCorrection1);
            float bc2Sqrt = (float) Math.sqrt(biasCorrection2);
            for (int j = 0; j < n; j++) {
                float gj = maximize ? -g[go + j] : g[go + j];
                // ATen: add(x, y, alpha) = fma(alpha, y, x); addcmul(x, a, b, value) = fma(value*a, b, x);
                // addcdiv(x, a, b, value) = x + (value*a)/b, unfused.
                if (l2) gj = Math.fma(wd, p[po + j], gj);
                if (decoupled) p[po + j] *= decay;
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

    static void writeGroup(Map<String, Tensor> out, String prefix, Hyper h) {
        StateDicts.putDouble(out, prefix + "lr", h.lr());
        StateDicts.putDoubles(out, prefix + "betas", h.beta1(), h.beta2());
        StateDicts.putDouble(out, prefix + "eps", h.eps());
        StateDicts.putDouble(out, prefix + "weight_decay", h.weightDecay());
        StateDicts.putBool(out, prefix + "amsgrad", h.amsgrad());
        StateDicts.putBool(out, prefix + "maximize", h.maximize());
    }

    /**
     * Reads and checks the hyper-parameters: lr, betas, eps and weight_decay are required,
     * amsgrad and maximize default to false as PyTorch's {@code __setstate__} does.
     */
    static Hyper readGroup(Map<String, Tensor> in, String prefix, boolean decoupled) {
        String key = prefix + "decoupled_weight_decay";
        if (in.containsKey(key) && StateDicts.getBool(in, key) != decoupled) {
            throw new IllegalArgumentException("state dict key '" + key + "' is " + !decoupled + ": the state is "
                    + (decoupled ? "Adam's" : "AdamW's") + "; load it into " + (decoupled ? "Adam" : "AdamW"));
        }
        double[] betas = StateDicts.getDoubles(in, prefix + "betas", 2);
        Hyper h = new Hyper(StateDicts.getDouble(in, prefix + "lr"), betas[0], betas[1],
                StateDicts.getDouble(in, prefix + "eps"), StateDicts.getDouble(in, prefix + "weight_decay"),
                StateDicts.getBool(in, prefix + "amsgrad", false), StateDicts.getBool(in, prefix + "maximize", false),
                decoupled);
        check(h, true);
        return h;
    }
}
