package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.Tensor;

/**
 * Optimizer state dicts against PyTorch 1.13 (optim/state/*.safetensors, written by
 * tools/make_optim_fixtures.py): Adam (amsgrad, weight decay), AdamW, SGD with momentum and
 * RMSprop (centered, momentum), over five parameters of which one never has a gradient and one
 * misses the gradient of step 3.
 */
class OptimizerStateDictTest {

    static List<StateFixture> fixtures() {
        return StateFixture.all();
    }

    @Test
    void everyOptimizerHasAStateFixture() {
        TreeSet<String> seen = new TreeSet<>();
        for (StateFixture f : fixtures()) seen.add(f.optimizer);
        assertEquals(new TreeSet<>(List.of("Adam", "AdamW", "RMSprop", "SGD")), seen);
    }

    /**
     * PyTorch's state after step 3 loads into a fresh optimizer (built with other
     * hyper-parameters: they must come from the state) over the step-3 parameters, and two more
     * steps land on PyTorch's step-5 parameters.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void resumesFromPyTorchState(StateFixture f) {
        List<Tensor> params = f.params(3);
        Optimizer opt = f.freshOptimizer(params);
        opt.loadStateDict(f.stateAfter3());
        for (int s = 4; s <= 5; s++) {
            f.setGrads(params, s);
            opt.step();
        }
        f.assertParamsAfter(5, params);
    }

    /** A loaded PyTorch state reads back unchanged: same keys, same bits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void pyTorchStateReadsBackUnchanged(StateFixture f) {
        Optimizer opt = f.freshOptimizer(f.params(3));
        Map<String, Tensor> torch = f.stateAfter3();
        opt.loadStateDict(torch);
        assertBitsEqual(torch, opt.stateDict());
    }

    /**
     * Three steps from the initial parameters write the same keys as PyTorch's flattened state,
     * with the same values (hyper-parameters loaded first from PyTorch's param_groups alone).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void stateAfterThreeStepsMatchesPyTorch(StateFixture f) {
        List<Tensor> params = f.params(0);
        Optimizer opt = f.freshOptimizer(params);
        opt.loadStateDict(f.hyperParameters());
        for (int s = 1; s <= 3; s++) {
            f.setGrads(params, s);
            opt.step();
        }
        f.assertParamsAfter(3, params);
        Map<String, Tensor> want = f.stateAfter3();
        Map<String, Tensor> got = opt.stateDict();
        assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(got.keySet()), f.name + " keys");
        for (String k : want.keySet()) StateFixture.assertClose(f.name + " " + k, want.get(k), got.get(k));
    }

    /**
     * Java only: three steps, state saved to a safetensors file, a fresh optimizer (other
     * hyper-parameters) loads it over copies of the parameters, two more steps: the parameters
     * and the state equal those of five uninterrupted steps, bit for bit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void resumeEqualsUninterruptedRunBitForBit(StateFixture f, @TempDir Path dir) throws IOException {
        List<Tensor> straight = f.params(0);
        Optimizer a = f.freshOptimizer(straight);
        a.loadStateDict(f.hyperParameters());
        List<Tensor> first = f.params(0);
        Optimizer b = f.freshOptimizer(first);
        b.loadStateDict(f.hyperParameters());
        for (int s = 1; s <= 3; s++) {
            f.setGrads(straight, s);
            a.step();
            f.setGrads(first, s);
            b.step();
        }
        Path file = dir.resolve("optimizer.safetensors");
        SafeTensors.save(file, b.stateDict());
        List<Tensor> resumed = copies(first);
        Optimizer c = f.freshOptimizer(resumed);
        c.loadStateDict(SafeTensors.load(file));
        for (int s = 4; s <= 5; s++) {
            f.setGrads(straight, s);
            a.step();
            f.setGrads(resumed, s);
            c.step();
        }
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i).toFloatArray(), resumed.get(i).toFloatArray(), f.name + " parameter " + i);
        }
        assertBitsEqual(a.stateDict(), c.stateDict());
        assertEquals(a.lr(), c.lr(), 0.0);
    }

    /** The .f64 companions carry the doubles: without them a resumed Adam would use float32(lr). */
    @Test
    void exactLearningRateSurvivesTheFloat32State() {
        List<Tensor> params = List.of(Tensor.zeros(3).requiresGrad(true));
        Adam adam = new Adam(params, Adam.options().lr(1e-3).betas(0.9, 0.999).eps(1e-8).weightDecay(0.01));
        Map<String, Tensor> sd = adam.stateDict();
        assertTrue(sd.containsKey("param_groups.0.lr.f64"), sd.keySet().toString());
        assertArrayEquals(new int[0], sd.get("param_groups.0.lr").shape());
        assertEquals(1e-3f, sd.get("param_groups.0.lr").item());
        Adam other = new Adam(List.of(Tensor.zeros(3).requiresGrad(true)), 0.7);
        other.loadStateDict(sd);
        assertEquals(adam.config(), other.config());
        sd.keySet().removeIf(StateDicts::isExactCompanion);
        other.loadStateDict(sd);
        assertEquals((double) 1e-3f, other.lr(), 0.0);
        assertEquals((double) 0.999f, other.config().beta2(), 0.0);
    }

    @Test
    void stepsAndScalarsAreZeroDimAndBetasIsAPair() {
        Tensor p = Tensor.zeros(2, 3).requiresGrad(true);
        AdamW opt = new AdamW(List.of(p), AdamW.options().amsgrad(true));
        p.setGrad(Tensor.ones(2, 3));
        opt.step();
        Map<String, Tensor> sd = opt.stateDict();
        assertEquals(List.of("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq"),
                sd.keySet().stream().filter(k -> k.startsWith("state.")).toList());
        assertArrayEquals(new int[0], sd.get("state.0.step").shape());
        assertEquals(1f, sd.get("state.0.step").item());
        assertArrayEquals(new int[] {2, 3}, sd.get("state.0.exp_avg").shape());
        assertArrayEquals(new int[] {2}, sd.get("param_groups.0.betas").shape());
        assertArrayEquals(new int[0], sd.get("param_groups.0.weight_decay").shape());
        assertEquals(1f, sd.get("param_groups.0.amsgrad").item());
        assertEquals(0f, sd.get("param_groups.0.maximize").item());
    }

    @Test
    void parametersWithoutStateHaveNoEntries() {
        List<Tensor> params = List.of(Tensor.zeros(2).requiresGrad(true), Tensor.zeros(2).requiresGrad(true));
        SGD plain = new SGD(params, 0.1);
        Adam adam = new Adam(params, 0.1);
        params.get(1).setGrad(Tensor.ones(2));
        plain.step();
        adam.step();
        assertFalse(plain.stateDict().keySet().stream().anyMatch(k -> k.startsWith("state.")));
        assertEquals(List.of("state.1.step", "state.1.exp_avg", "state.1.exp_avg_sq"),
                adam.stateDict().keySet().stream().filter(k -> k.startsWith("state.")).toList());
    }

    @Test
    void loadedStateDoesNotAliasTheCallersTensors() {
        Tensor p = Tensor.zeros(4).requiresGrad(true);
        RMSprop opt = new RMSprop(List.of(p), RMSprop.options().momentum(0.5).centered(true));
        p.setGrad(Tensor.ones(4));
        opt.step();
        Map<String, Tensor> saved = opt.stateDict();
        Map<String, Tensor> before = opt.stateDict();
        RMSprop other = new RMSprop(List.of(Tensor.zeros(4).requiresGrad(true)), 0.1);
        other.loadStateDict(saved);
        for (Tensor t : saved.values()) t.fill(42f);
        assertBitsEqual(before, other.stateDict());
        for (Tensor t : other.stateDict().values()) t.fill(-1f);
        assertBitsEqual(before, other.stateDict());
    }

    @Test
    void schedulerEntriesTravelWithTheState() {
        SGD opt = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.1);
        opt.setGroupEntry("initial_lr", 0.1);
        opt.setGroupEntry("max_momentum", 0.95);
        Map<String, Tensor> sd = opt.stateDict();
        assertEquals(0.1f, sd.get("param_groups.0.initial_lr").item());
        SGD other = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.3);
        other.setGroupEntry("min_lr", 1.0);
        other.loadStateDict(sd);
        assertEquals(0.1, other.groupEntry("initial_lr"), 0.0);
        assertEquals(0.95, other.groupEntry("max_momentum"), 0.0);
        assertFalse(other.hasGroupEntry("min_lr"), "a load replaces the whole group, as PyTorch");
    }

    @Test
    void momentumIsBeta1ForAdamAndMomentumForSgdAndRmsprop() {
        List<Tensor> ps = List.of(Tensor.zeros(1).requiresGrad(true));
        Adam adam = new Adam(ps, 0.1);
        adam.setMomentum(0.85);
        assertEquals("betas", adam.momentumKey());
        assertEquals(0.85, adam.config().beta1(), 0.0);
        assertEquals(0.999, adam.config().beta2(), 0.0);
        AdamW adamW = new AdamW(ps, 0.1);
        adamW.setMomentum(0.8);
        assertEquals(0.8, adamW.config().beta1(), 0.0);
        SGD sgd = new SGD(ps, 0.1);
        sgd.setMomentum(0.9);
        assertEquals("momentum", sgd.momentumKey());
        assertEquals(0.9, sgd.config().momentum(), 0.0);
        RMSprop rms = new RMSprop(ps, 0.1);
        rms.setMomentum(0.7);
        assertEquals(0.7, rms.momentum(), 0.0);
    }

    private static List<Tensor> copies(List<Tensor> params) {
        return params.stream().map(t -> t.detach().copy().requiresGrad(true)).toList();
    }

    static void assertBitsEqual(Map<String, Tensor> want, Map<String, Tensor> got) {
        assertEquals(new TreeSet<>(want.keySet()), new TreeSet<>(got.keySet()));
        for (String k : want.keySet()) {
            assertArrayEquals(want.get(k).shape(), got.get(k).shape(), k);
            float[] w = want.get(k).toFloatArray();
            float[] g = got.get(k).toFloatArray();
            for (int j = 0; j < w.length; j++) {
                assertEquals(Float.floatToIntBits(w[j]), Float.floatToIntBits(g[j]), k + " element " + j);
            }
        }
    }
}
