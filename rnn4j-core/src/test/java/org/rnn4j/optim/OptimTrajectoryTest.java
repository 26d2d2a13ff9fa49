package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.tensor.Tensor;

/**
 * Replays PyTorch 1.13 trajectories (tools/make_optim_fixtures.py) of SGD, Adam, AdamW and
 * RMSprop: the same initial parameters and per-step gradients (one parameter lacks a gradient at
 * step 3), five steps, every parameter checked after every step to 1e-6 relative.
 */
class OptimTrajectoryTest {
    static final double REL = 1e-6;

    static List<OptimFixtures.Block> configs() throws IOException {
        List<OptimFixtures.Block> all = new ArrayList<>(OptimFixtures.load("/optim/trajectories.txt"));
        all.addAll(OptimFixtures.load("/optim/trajectories_adamw_rmsprop.txt"));
        return all;
    }

    static Optimizer build(OptimFixtures.Block b, List<Tensor> params) {
        if (b.kind.equals("adamw")) return new AdamW(params, adamW(b));
        if (b.kind.equals("rmsprop")) return new RMSprop(params, rmsprop(b));
        if (b.kind.equals("adam")) {
            Adam.Options o = Adam.options()
                    .lr(b.option("lr"))
                    .betas(b.option("beta1", 0.9), b.option("beta2", 0.999))
                    .eps(b.option("eps", 1e-8))
                    .weightDecay(b.option("weight_decay", 0))
                    .amsgrad(b.flag("amsgrad"))
                    .maximize(b.flag("maximize"));
            return new Adam(params, o);
        }
        SGD.Options o = SGD.options()
                .lr(b.option("lr"))
                .momentum(b.option("momentum", 0))
                .dampening(b.option("dampening", 0))
                .weightDecay(b.option("weight_decay", 0))
                .nesterov(b.flag("nesterov"))
                .maximize(b.flag("maximize"));
        return new SGD(params, o);
    }

    /** The fixture lists every AdamW hyper-parameter (PyTorch's defaults included): no fallbacks. */
    static AdamW.Options adamW(OptimFixtures.Block b) {
        return AdamW.options().lr(b.option("lr")).betas(b.option("beta1"), b.option("beta2")).eps(b.option("eps"))
                .weightDecay(b.option("weight_decay")).amsgrad(b.flag("amsgrad")).maximize(b.flag("maximize"));
    }

    static RMSprop.Options rmsprop(OptimFixtures.Block b) {
        return RMSprop.options().lr(b.option("lr")).alpha(b.option("alpha")).eps(b.option("eps"))
                .weightDecay(b.option("weight_decay")).momentum(b.option("momentum")).centered(b.flag("centered"))
                .maximize(b.flag("maximize"));
    }

    /** new AdamW(params, lr) and new RMSprop(params, lr) take PyTorch's defaults for the rest. */
    @Test
    void defaultsAreTorchDefaults() throws IOException {
        List<Tensor> params = List.of(Tensor.zeros(2).requiresGrad(true));
        int seen = 0;
        for (OptimFixtures.Block b : configs()) {
            if (b.name.equals("adamw_default")) {
                assertEquals(adamW(b), new AdamW(params, b.option("lr")).config());
                assertEquals(adamW(b), AdamW.options().lr(b.option("lr")));
                seen++;
            } else if (b.name.equals("rmsprop_default")) {
                assertEquals(rmsprop(b), new RMSprop(params, b.option("lr")).config());
                assertEquals(rmsprop(b), RMSprop.options().lr(b.option("lr")));
                seen++;
            }
        }
        assertEquals(2, seen, "adamw_default and rmsprop_default fixtures");
    }

    /** Every hyper-parameter of AdamW and RMSprop is exercised by some trajectory. */
    @Test
    void everyOptionHasATrajectory() throws IOException {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (OptimFixtures.Block b : configs()) {
            if (b.kind.equals("adamw")) {
                AdamW.Options o = adamW(b);
                AdamW.Options d = AdamW.options();
                if (o.beta1() != d.beta1() || o.beta2() != d.beta2()) seen.add("adamw betas");
                if (o.eps() != d.eps()) seen.add("adamw eps");
                if (o.weightDecay() == 0) seen.add("adamw no weight_decay");
                if (o.weightDecay() > d.weightDecay()) seen.add("adamw weight_decay");
                if (o.amsgrad()) seen.add("adamw amsgrad");
                if (o.maximize()) seen.add("adamw maximize");
            } else if (b.kind.equals("rmsprop")) {
                RMSprop.Options o = rmsprop(b);
                if (o.alpha() != RMSprop.options().alpha()) seen.add("rmsprop alpha");
                if (o.eps() != RMSprop.options().eps()) seen.add("rmsprop eps");
                if (o.weightDecay() > 0) seen.add("rmsprop weight_decay");
                if (o.momentum() > 0 && !o.centered()) seen.add("rmsprop momentum");
                if (o.centered() && o.momentum() == 0) seen.add("rmsprop centered");
                if (o.centered() && o.momentum() > 0) seen.add("rmsprop centered momentum");
                if (o.maximize()) seen.add("rmsprop maximize");
            }
        }
        assertEquals(new java.util.TreeSet<>(List.of("adamw betas", "adamw eps", "adamw no weight_decay",
                "adamw weight_decay", "adamw amsgrad", "adamw maximize", "rmsprop alpha", "rmsprop eps",
                "rmsprop weight_decay", "rmsprop momentum", "rmsprop centered", "rmsprop centered momentum",
                "rmsprop maximize")), seen);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void matchesPyTorchTrajectory(OptimFixtures.Block b) {
        List<Tensor> params = new ArrayList<>();
        for (int i = 0; i < b.shapes.size(); i++) {
            params.add(Tensor.of(b.initial.get(i), b.shapes.get(i)).requiresGrad(true));
        }
        Optimizer opt = build(b, params);
        assertEquals(5, b.grads.size());
        for (int s = 0; s < b.grads.size(); s++) {
            for (int i = 0; i < params.size(); i++) {
                float[] g = b.grads.get(s).get(i);
                params.get(i).setGrad(g == null ? null : Tensor.of(g, b.shapes.get(i)));
            }
            opt.step();
            for (int i = 0; i < params.size(); i++) {
                float[] want = b.after.get(s).get(i);
                float[] got = params.get(i).toFloatArray();
                assertEquals(want.length, got.length);
                for (int j = 0; j < want.length; j++) {
                    double err = Math.abs(got[j] - want[j]) / Math.max(Math.abs(want[j]), 1e-3);
                    final int step = s + 1, pi = i, el = j;
                    assertTrue(err <= REL, () -> b.name + " step " + step + " param " + pi + " element " + el
                            + ": expected " + want[el] + ", got " + got[el]);
                }
            }
        }
    }
}
