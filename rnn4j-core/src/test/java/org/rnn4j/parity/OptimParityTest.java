package org.rnn4j.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.RMSprop;
import org.rnn4j.optim.SGD;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.testing.Fixture;

/**
 * End-to-end training parity: an LSTM(3, 5) + Linear(5, 1) trained with MSELoss for five
 * steps follows PyTorch's parameter trajectory (fixtures/optim, tools/make_fixtures.py) to
 * rtol 1e-4 (atol 1e-6), for Adam (plain, weight decay, amsgrad), AdamW (plain, amsgrad), SGD
 * (plain, momentum, nesterov, dampening, weight decay) and RMSprop (plain, centered with momentum
 * and weight decay). Unlike the optimizer's unit trajectories, gradients here
 * come from rnn4j's own forward and backward.
 */
class OptimParityTest {
    static final double RTOL = 1e-4;
    static final double ATOL = 1e-6;

    @TestFactory
    Stream<DynamicTest> trajectories() {
        List<Path> files = Fixture.all("optim");
        assertFalse(files.isEmpty(), "no optimizer fixtures");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    static void check(Path path) {
        Fixture f = Fixture.load(path);
        LSTM lstm = new LSTM(3, 5);
        Linear linear = new Linear(5, 1);
        lstm.loadStateDict(f.withPrefix("param.lstm."));
        linear.loadStateDict(f.withPrefix("param.linear."));
        List<Tensor> params = new ArrayList<>(lstm.parameters());
        params.addAll(linear.parameters());
        Optimizer opt = optimizer(f, params);
        Tensor x = f.tensor("x");
        Tensor target = f.tensor("target");
        float[] losses = f.tensor("loss").toFloatArray();
        int steps = f.integer("steps");
        assertEquals(steps, losses.length, f.name() + ": loss count");
        for (int s = 1; s <= steps; s++) {
            opt.zeroGrad();
            Tensor loss = new MSELoss().forward(linear.forward(lstm.forward(x).output()), target);
            f.assertClose("loss before step " + s, Tensor.scalar(losses[s - 1]), loss, RTOL, ATOL);
            loss.backward();
            opt.step();
            compare(f, "step" + s + ".lstm.", lstm.namedParameters(), s);
            compare(f, "step" + s + ".linear.", linear.namedParameters(), s);
        }
    }

    private static void compare(Fixture f, String prefix, Map<String, Tensor> actual, int step) {
        Map<String, Tensor> expected = f.withPrefix(prefix);
        assertEquals(expected.keySet(), actual.keySet(), f.name() + ": parameters after step " + step);
        for (String k : expected.keySet()) {
            f.assertClose(prefix + k, expected.get(k), actual.get(k), RTOL, ATOL);
        }
    }

    /** The optimizer the metadata describes, with PyTorch's hyper-parameter names. */
    static Optimizer optimizer(Fixture f, List<Tensor> params) {
        switch (f.meta("optimizer")) {
            case "Adam": {
                String[] betas = f.meta("betas").split(",");
                return new Adam(params, Adam.options().lr(f.number("lr"))
                        .betas(Double.parseDouble(betas[0]), Double.parseDouble(betas[1]))
                        .eps(f.number("eps")).weightDecay(f.number("weight_decay")).amsgrad(f.flag("amsgrad")));
            }
            case "AdamW": {
                String[] betas = f.meta("betas").split(",");
                return new AdamW(params, AdamW.options().lr(f.number("lr"))
                        .betas(Double.parseDouble(betas[0]), Double.parseDouble(betas[1]))
                        .eps(f.number("eps")).weightDecay(f.number("weight_decay")).amsgrad(f.flag("amsgrad")));
            }
            case "RMSprop":
                return new RMSprop(params, RMSprop.options().lr(f.number("lr")).alpha(f.number("alpha"))
                        .eps(f.number("eps")).weightDecay(f.number("weight_decay")).momentum(f.number("momentum"))
                        .centered(f.flag("centered")));
            case "SGD":
                return new SGD(params, SGD.options().lr(f.number("lr")).momentum(f.number("momentum"))
                        .dampening(f.number("dampening")).nesterov(f.flag("nesterov"))
                        .weightDecay(f.number("weight_decay")));
            default:
                throw new AssertionError(f.name() + ": unknown optimizer " + f.meta("optimizer"));
        }
    }

    /** The trajectories must exercise every hyper-parameter the issue names. */
    @Test
    void everyOptimizerOptionHasATrajectory() {
        TreeSet<String> seen = new TreeSet<>();
        for (Path p : Fixture.all("optim")) {
            Fixture f = Fixture.load(p);
            String o = f.meta("optimizer");
            seen.add(o);
            if (f.number("weight_decay") > 0) seen.add(o + " weight_decay");
            if (o.startsWith("Adam") && f.flag("amsgrad")) seen.add(o + " amsgrad");
            if (o.startsWith("Adam") && !f.meta("betas").equals("0.9,0.999")) seen.add(o + " betas");
            if (o.equals("RMSprop") && f.number("momentum") > 0) seen.add("RMSprop momentum");
            if (o.equals("RMSprop") && f.flag("centered")) seen.add("RMSprop centered");
            if (o.equals("SGD") && f.number("momentum") > 0) seen.add("SGD momentum");
            if (o.equals("SGD") && f.flag("nesterov")) seen.add("SGD nesterov");
            if (o.equals("SGD") && f.number("dampening") > 0) seen.add("SGD dampening");
        }
        assertEquals(new TreeSet<>(List.of("Adam", "Adam weight_decay", "Adam amsgrad", "Adam betas", "SGD",
                "SGD weight_decay", "SGD momentum", "SGD nesterov", "SGD dampening", "AdamW", "AdamW weight_decay",
                "AdamW amsgrad", "AdamW betas", "RMSprop", "RMSprop weight_decay", "RMSprop momentum",
                "RMSprop centered")), seen);
    }
}
