package org.rnn4j.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.SGD;
import org.rnn4j.tensor.Tensor;

/** Bad scheduler arguments and states: IllegalArgumentExceptions in PyTorch's words. */
class SchedulerArgumentsTest {

    private static SGD sgd() {
        return new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.1);
    }

    private static void fails(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void epochSchedulers() {
        fails("Expected positive integer step_size, but got 0", () -> new StepLR(sgd(), 0, 0.1));
        fails("Invalid gamma value: nan", () -> new StepLR(sgd(), 3, Double.NaN));
        fails("Invalid gamma value: nan", () -> new ExponentialLR(sgd(), Double.NaN));
        fails("Expected positive integer T_max, but got 0", () -> new CosineAnnealingLR(sgd(), 0, 0.0));
        fails("Expected positive integer T_max, but got -5", () -> new CosineAnnealingLR(sgd(), -5));
        String start = "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.";
        fails(start, () -> new LinearLR(sgd(), 0.0, 1.0, 5));
        fails(start, () -> new LinearLR(sgd(), 1.5, 1.0, 5));
        String end = "Ending multiplicative factor expected to be between 0 and 1.";
        fails(end, () -> new LinearLR(sgd(), 0.5, -0.1, 5));
        fails(end, () -> new LinearLR(sgd(), 0.5, 1.1, 5));
        fails("Expected non-negative integer total_iters, but got -1", () -> new LinearLR(sgd(), 0.5, 1.0, -1));
        fails("optimizer must not be null", () -> new StepLR(null, 3));
    }

    @Test
    void oneCycle() {
        fails("Expected positive integer total_steps, but got 0", () -> new OneCycleLR(sgd(), 0.1, 0));
        fails("Expected float between 0 and 1 pct_start, but got 1.5",
                () -> new OneCycleLR(sgd(), 0.1, 100, OneCycleLR.options().pctStart(1.5)));
        fails("anneal_strategy must be one of 'cos' or 'linear', instead got exp",
                () -> new OneCycleLR(sgd(), 0.1, 100, OneCycleLR.options().annealStrategy("exp")));
        fails("Invalid max_lr value: -1.0", () -> new OneCycleLR(sgd(), -1.0, 100));
        fails("Invalid div_factor value: 0.0, expected a positive number",
                () -> new OneCycleLR(sgd(), 0.1, 100, OneCycleLR.options().divFactor(0)));
        String empty = assertThrows(IllegalArgumentException.class,
                () -> new OneCycleLR(sgd(), 0.1, 10, OneCycleLR.options().pctStart(0.1))).getMessage();
        assertTrue(empty.contains("first phase") && empty.contains("pct_start 0.1"), empty);
        fails("optimizer must support momentum with `cycle_momentum` option enabled",
                () -> new OneCycleLR(new NoMomentum(), 0.1, 100));
        new OneCycleLR(new NoMomentum(), 0.1, 100, OneCycleLR.options().cycleMomentum(false));
    }

    /** A rejected OneCycleLR leaves the optimizer untouched. */
    @Test
    void rejectedOneCycleChangesNothing() {
        Adam adam = new Adam(List.of(Tensor.zeros(1).requiresGrad(true)), 0.01);
        Map<String, Tensor> before = adam.stateDict();
        assertThrows(IllegalArgumentException.class,
                () -> new OneCycleLR(adam, 0.1, 100, OneCycleLR.options().annealStrategy("cosine")));
        assertEquals(before.keySet(), adam.stateDict().keySet());
        assertEquals(0.9, adam.config().beta1(), 0.0);
        assertEquals(0.01, adam.lr(), 0.0);
    }

    @Test
    void oneCycleEndsAfterTotalStepsAsPyTorch() {
        SGD o = sgd();
        OneCycleLR s = new OneCycleLR(o, 0.1, 10);
        for (int e = 1; e <= 10; e++) s.step();
        double lr = o.lr();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::step);
        assertEquals("Tried to step 12 times. The specified number of total steps is 10", e.getMessage());
        assertEquals(10, s.lastEpoch());
        assertEquals(lr, o.lr(), 0.0);
    }

    @Test
    void plateau() {
        fails("Factor should be < 1.0.", () -> new ReduceLROnPlateau(sgd(), ReduceLROnPlateau.options().factor(1.0)));
        fails("mode avg is unknown!", () -> new ReduceLROnPlateau(sgd(), ReduceLROnPlateau.options().mode("avg")));
        fails("threshold mode x is unknown!",
                () -> new ReduceLROnPlateau(sgd(), ReduceLROnPlateau.options().thresholdMode("x")));
        ReduceLROnPlateau p = new ReduceLROnPlateau(sgd());
        assertThrows(UnsupportedOperationException.class, p::step);
        assertEquals(0.1, p.lastLr(), 0.0);
        assertEquals(0, p.lastEpoch());
    }

    @Test
    void badStatesNameTheKeyAndChangeNothing() {
        StepLR s = new StepLR(sgd(), 3, 0.5);
        s.step();
        Map<String, Tensor> good = s.stateDict();
        StepLR t = new StepLR(sgd(), 4, 0.25);
        Map<String, Tensor> before = t.stateDict();

        Map<String, Tensor> missing = s.stateDict();
        missing.remove("last_epoch");
        fails("missing key 'last_epoch' in state dict", () -> t.loadStateDict(missing));
        Map<String, Tensor> extra = s.stateDict();
        extra.put("T_max", Tensor.scalar(3f));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.loadStateDict(extra)).getMessage()
                .startsWith("unexpected key 'T_max'"));
        Map<String, Tensor> bad = s.stateDict();
        bad.put("step_size", Tensor.scalar(0f));
        fails("Expected positive integer step_size, but got 0", () -> t.loadStateDict(bad));
        Map<String, Tensor> shape = s.stateDict();
        shape.put("base_lrs", Tensor.zeros(2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.loadStateDict(shape)).getMessage()
                .contains("'base_lrs': expected shape [1], got shape [2]"));
        assertEquals(before.keySet(), t.stateDict().keySet());
        assertEquals(4f, t.stateDict().get("step_size").item());
        assertEquals(0.25f, t.stateDict().get("gamma").item());

        fails("missing key 'gamma' in state dict", () -> new ExponentialLR(sgd(), 0.9).loadStateDict(
                Map.of("step_size", Tensor.scalar(3f))));
        t.loadStateDict(good);
        assertEquals(3f, t.stateDict().get("step_size").item());
        fails("state dict must not be null", () -> t.loadStateDict(null));
    }

    /** As PyTorch: a second scheduler on the same optimizer keeps the first one's initial_lr as base. */
    @Test
    void secondSchedulerKeepsInitialLr() {
        SGD o = sgd();
        new LinearLR(o, 0.5, 1.0, 4);
        assertEquals(0.05, o.lr(), 0.0);
        CosineAnnealingLR c = new CosineAnnealingLR(o, 10);
        assertEquals(0.1, o.groupEntry("initial_lr"), 0.0);
        assertEquals(0.1f, c.stateDict().get("base_lrs").item());
        assertEquals(0.05, c.lastLr(), 0.0);
    }

    /** An optimizer outside rnn4j without momentum (and without state dicts). */
    private static final class NoMomentum extends Optimizer {
        private double lr = 0.1;

        NoMomentum() {
            super(List.of(Tensor.zeros(1).requiresGrad(true)));
        }

        @Override
        public void step() {
        }

        @Override
        public double lr() {
            return lr;
        }

        @Override
        public void setLr(double lr) {
            this.lr = lr;
        }
    }
}
