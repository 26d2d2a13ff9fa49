package org.rnn4j.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.tensor.Tensor;

/**
 * Every scheduler against PyTorch 1.13 (optim/schedulers.txt, tools/make_scheduler_fixtures.py):
 * the learning rate right after construction and after each of 100 steps, and OneCycleLR's
 * momentum or beta1, to 1e-9 relative; and a resume from a state saved mid-run gives the same
 * values as the uninterrupted run, bit for bit.
 */
class SchedulerParityTest {
    static final double REL = 1e-9;
    static final int SAVE_AT = 37;

    static List<ScheduleFixtures.Case> cases() {
        return ScheduleFixtures.load();
    }

    @Test
    void everySchedulerHasCases() {
        TreeSet<String> seen = new TreeSet<>();
        for (ScheduleFixtures.Case c : cases()) {
            seen.add(c.scheduler);
            if (c.scheduler.equals("ReduceLROnPlateau")) seen.add("plateau " + c.word("mode", "min"));
            if (c.scheduler.equals("OneCycleLR") && c.flag("three_phase", false)) seen.add("onecycle three_phase");
            if (c.scheduler.equals("OneCycleLR") && c.word("anneal_strategy", "cos").equals("linear")) {
                seen.add("onecycle linear");
            }
        }
        assertEquals(new TreeSet<>(List.of("CosineAnnealingLR", "ExponentialLR", "LinearLR", "OneCycleLR",
                "ReduceLROnPlateau", "StepLR", "plateau min", "plateau max", "onecycle three_phase",
                "onecycle linear")), seen);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchStepByStep(ScheduleFixtures.Case c) {
        Optimizer o = c.newOptimizer();
        LRScheduler s = c.newScheduler(o);
        check(c, 0, s, o);
        for (int e = 1; e < c.lr.size(); e++) {
            c.step(s, e);
            check(c, e, s, o);
        }
    }

    private static void check(ScheduleFixtures.Case c, int epoch, LRScheduler s, Optimizer o) {
        close(c.name + " lr at " + epoch, c.lr.get(epoch), s.lastLr());
        assertEquals(s.lastLr(), o.lr(), 0.0, c.name + ": lastLr() is the optimizer's lr");
        if (!c.momentum.isEmpty()) close(c.name + " momentum at " + epoch, c.momentum.get(epoch), o.momentum());
    }

    static void close(String what, double want, double got) {
        assertTrue(want == got || Math.abs(got - want) <= REL * Math.abs(want),
                () -> what + ": expected " + want + ", got " + got);
    }

    /**
     * Saved at epoch 37 (optimizer and scheduler, through a safetensors file), loaded into a fresh
     * optimizer and scheduler built as for a new run: the rest of the run repeats the
     * uninterrupted one exactly.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resumeMidRunRepeatsTheRun(ScheduleFixtures.Case c, @TempDir Path dir) throws Exception {
        Optimizer o = c.newOptimizer();
        LRScheduler s = c.newScheduler(o);
        List<double[]> straight = new ArrayList<>();
        Optimizer o2 = null;
        LRScheduler s2 = null;
        for (int e = 1; e < c.lr.size(); e++) {
            c.step(s, e);
            straight.add(new double[] {o.lr(), momentum(o)});
            if (e == SAVE_AT) {
                Path opt = dir.resolve("opt.safetensors");
                Path sched = dir.resolve("sched.safetensors");
                SafeTensors.save(opt, o.stateDict());
                SafeTensors.save(sched, s.stateDict());
                o2 = c.newOptimizer();
                s2 = c.newScheduler(o2);
                o2.loadStateDict(SafeTensors.load(opt));
                s2.loadStateDict(SafeTensors.load(sched));
                assertEquals(s.lastLr(), s2.lastLr(), 0.0);
                assertEquals(s.lastEpoch(), s2.lastEpoch());
            }
        }
        for (int e = SAVE_AT + 1; e < c.lr.size(); e++) {
            c.step(s2, e);
            double[] want = straight.get(e - 1);
            assertEquals(want[0], o2.lr(), 0.0, c.name + " lr at " + e);
            assertEquals(want[1], momentum(o2), 0.0, c.name + " momentum at " + e);
            close(c.name + " resumed lr at " + e, c.lr.get(e), o2.lr());
        }
    }

    private static double momentum(Optimizer o) {
        return o.momentumKey() == null ? Double.NaN : o.momentum();
    }

    /** A scheduler's state holds its doubles exactly, and a load replaces them all. */
    @Test
    void stateDictRoundTripsExactly() {
        ScheduleFixtures.Case c = cases().stream().filter(k -> k.name.equals("onecycle_adam_linear_three_phase"))
                .findFirst().orElseThrow();
        Optimizer o = c.newOptimizer();
        LRScheduler s = c.newScheduler(o);
        for (int e = 1; e <= 30; e++) c.step(s, e);
        Map<String, Tensor> sd = s.stateDict();
        assertTrue(sd.containsKey("_schedule_phases.2.end_step"), sd.keySet().toString());
        LRScheduler fresh = c.newScheduler(c.newOptimizer());
        fresh.loadStateDict(sd);
        Map<String, Tensor> back = fresh.stateDict();
        assertEquals(sd.keySet(), back.keySet());
        for (String k : sd.keySet()) {
            assertEquals(box(sd.get(k).toFloatArray()), box(back.get(k).toFloatArray()), k);
        }
    }

    private static List<Float> box(float[] a) {
        List<Float> out = new ArrayList<>();
        for (float f : a) out.add(f);
        return out;
    }
}
