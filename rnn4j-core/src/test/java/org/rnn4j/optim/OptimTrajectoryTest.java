package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.tensor.Tensor;

/**
 * Replays PyTorch 1.13 trajectories (tools/make_optim_fixtures.py): the same initial parameters
 * and per-step gradients (one parameter lacks a gradient at step 3), five steps, every parameter
 * checked after every step to 1e-6 relative.
 */
class OptimTrajectoryTest {
    static final double REL = 1e-6;

    static List<OptimFixtures.Block> configs() throws IOException {
        return OptimFixtures.load("/optim/trajectories.txt");
    }

    static Optimizer build(OptimFixtures.Block b, List<Tensor> params) {
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
