package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

/**
 * Rejected state dicts: each IllegalArgumentException names the key (and both shapes), and a
 * rejected state leaves the optimizer as it was. Also the constructors' argument checks of AdamW
 * and RMSprop, in PyTorch's words.
 */
class OptimizerStateDictErrorsTest {

    /** An Adam (amsgrad) over [3, 4] and [2] parameters after one step of both. */
    private static Adam trainedAdam() {
        List<Tensor> ps = List.of(Tensor.ones(3, 4).requiresGrad(true), Tensor.ones(2).requiresGrad(true));
        Adam adam = new Adam(ps, Adam.options().lr(0.01).amsgrad(true));
        for (Tensor p : ps) p.setGrad(Tensor.full(0.5f, p.shape()));
        adam.step();
        return adam;
    }

    /** Edits a valid Adam state, loads it into another Adam and returns the error message. */
    private static String rejected(Consumer<Map<String, Tensor>> edit) {
        Map<String, Tensor> sd = trainedAdam().stateDict();
        edit.accept(sd);
        Adam target = trainedAdam();
        target.setLr(0.25);
        Map<String, Tensor> before = target.stateDict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadStateDict(sd));
        OptimizerStateDictTest.assertBitsEqual(before, target.stateDict());
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), () -> "'" + p + "' not in: " + message);
    }

    @Test
    void wrongBufferShapeNamesKeyAndBothShapes() {
        String m = rejected(sd -> sd.put("state.0.exp_avg", Tensor.zeros(12)));
        assertContains(m, "state.0.exp_avg", "[3, 4]", "[12]");
    }

    @Test
    void wrongBetasShapeNamesKeyAndBothShapes() {
        String m = rejected(sd -> {
            sd.put("param_groups.0.betas", Tensor.zeros(3));
            sd.remove("param_groups.0.betas.f64");
        });
        assertContains(m, "param_groups.0.betas", "[2]", "[3]");
    }

    @Test
    void stepMustBeOneNonNegativeInteger() {
        assertContains(rejected(sd -> sd.put("state.1.step", Tensor.zeros(2))), "state.1.step", "[2]");
        assertContains(rejected(sd -> sd.put("state.1.step", Tensor.scalar(2.5f))), "state.1.step", "2.5");
        assertContains(rejected(sd -> sd.put("state.1.step", Tensor.scalar(-1f))), "state.1.step", "-1");
    }

    @Test
    void missingRequiredKeys() {
        assertContains(rejected(sd -> sd.remove("state.0.exp_avg_sq")), "missing key 'state.0.exp_avg_sq'");
        assertContains(rejected(sd -> sd.remove("state.1.step")), "missing key 'state.1.step'");
        assertContains(rejected(sd -> {
            sd.remove("param_groups.0.lr");
            sd.remove("param_groups.0.lr.f64");
        }), "missing key 'param_groups.0.lr'");
        assertContains(rejected(sd -> sd.keySet().removeIf(k -> k.startsWith("param_groups.0.betas"))),
                "missing key 'param_groups.0.betas'");
    }

    @Test
    void unknownParameterIndex() {
        String m = rejected(sd -> sd.put("state.2.step", Tensor.scalar(1f)));
        assertContains(m, "unknown parameter index 2", "state.2.step", "2 parameters");
    }

    @Test
    void unexpectedKeys() {
        assertContains(rejected(sd -> sd.put("state.0.momentum_buffer", Tensor.zeros(3, 4))),
                "unexpected key 'state.0.momentum_buffer'");
        assertContains(rejected(sd -> sd.put("state.x.step", Tensor.scalar(1f))), "unexpected key 'state.x.step'");
        assertContains(rejected(sd -> sd.put("param_groups.0.momentum", Tensor.scalar(0.9f))),
                "unexpected key 'param_groups.0.momentum'");
        assertContains(rejected(sd -> sd.put("param_groups.1.lr", Tensor.scalar(0.1f))),
                "unexpected key 'param_groups.1.lr'", "one parameter group");
        assertContains(rejected(sd -> sd.put("weights", Tensor.scalar(0.1f))), "unexpected key 'weights'");
    }

    @Test
    void hyperParametersAreCheckedAsByTheConstructor() {
        assertContains(rejected(sd -> {
            sd.put("param_groups.0.lr", Tensor.scalar(Float.NaN));
            sd.remove("param_groups.0.lr.f64");
        }), "Invalid learning rate: nan");
        assertContains(rejected(sd -> {
            sd.put("param_groups.0.betas", Tensor.of(new float[] {0.9f, 1f}, 2));
            sd.remove("param_groups.0.betas.f64");
        }), "Invalid beta parameter at index 1: 1.0");
        assertContains(rejected(sd -> {
            sd.put("param_groups.0.eps", Tensor.scalar(-1f));
            sd.remove("param_groups.0.eps.f64");
        }), "Invalid epsilon value: -1.0");
        assertContains(rejected(sd -> sd.put("param_groups.0.amsgrad", Tensor.scalar(0.5f))),
                "param_groups.0.amsgrad", "1.0 or 0.0");
    }

    /**
     * What a scheduler may leave in the optimizer loads: a negative lr and a beta1 past 1
     * (OneCycleLR's linear anneal one step past its end), as in PyTorch.
     */
    @Test
    void aStateMayHoldWhatASchedulerLeft() {
        Adam adam = trainedAdam();
        adam.scheduleLr(-1e-4);
        adam.scheduleMomentum(1.02);
        Adam other = trainedAdam();
        other.loadStateDict(adam.stateDict());
        assertEquals(-1e-4, other.lr(), 0.0);
        assertEquals(1.02, other.config().beta1(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> other.setLr(-1e-4));
        assertEquals("Invalid learning rate: nan",
                assertThrows(IllegalArgumentException.class, () -> other.scheduleLr(Double.NaN)).getMessage());
    }

    @Test
    void adamStateWithDecoupledWeightDecayBelongsToAdamW() {
        assertContains(rejected(sd -> sd.put("param_groups.0.decoupled_weight_decay", Tensor.scalar(1f))),
                "decoupled_weight_decay", "AdamW");
    }

    @Test
    void pyTorchImplementationFlagsAreIgnored() {
        Map<String, Tensor> sd = trainedAdam().stateDict();
        for (String flag : List.of("foreach", "capturable", "differentiable", "fused")) {
            sd.put("param_groups.0." + flag, Tensor.scalar(0f));
        }
        Adam target = trainedAdam();
        target.loadStateDict(sd);
        assertEquals(0.01, target.lr(), 0.0);
    }

    @Test
    void optionalHyperParametersTakePyTorchDefaults() {
        Map<String, Tensor> sd = trainedAdam().stateDict();
        sd.remove("param_groups.0.amsgrad");
        sd.remove("param_groups.0.maximize");
        Adam target = trainedAdam();
        target.loadStateDict(sd);
        assertEquals(false, target.config().amsgrad());
    }

    @Test
    void nullStateIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> trainedAdam().loadStateDict(null));
    }

    @Test
    void adamWArgumentsInPyTorchWords() {
        List<Tensor> ps = List.of(Tensor.zeros(1).requiresGrad(true));
        assertEquals("Invalid learning rate: -1.0",
                assertThrows(IllegalArgumentException.class, () -> new AdamW(ps, -1.0)).getMessage());
        assertEquals("Invalid beta parameter at index 0: 1.0", assertThrows(IllegalArgumentException.class,
                () -> new AdamW(ps, AdamW.options().betas(1.0, 0.9))).getMessage());
        assertEquals("Invalid beta parameter at index 1: -0.1", assertThrows(IllegalArgumentException.class,
                () -> new AdamW(ps, AdamW.options().betas(0.9, -0.1))).getMessage());
        assertEquals("Invalid epsilon value: -1e-08", assertThrows(IllegalArgumentException.class,
                () -> new AdamW(ps, AdamW.options().eps(-1e-8))).getMessage());
        assertEquals("Invalid weight_decay value: -0.01", assertThrows(IllegalArgumentException.class,
                () -> new AdamW(ps, AdamW.options().weightDecay(-0.01))).getMessage());
        assertEquals("Invalid learning rate: nan", assertThrows(IllegalArgumentException.class,
                () -> new AdamW(ps, Double.NaN)).getMessage());
        assertEquals("Invalid beta parameter at index 0: 1.5", assertThrows(IllegalArgumentException.class,
                () -> new AdamW(ps, 0.1).setMomentum(1.5)).getMessage());
    }

    @Test
    void rmspropArgumentsInPyTorchWords() {
        List<Tensor> ps = List.of(Tensor.zeros(1).requiresGrad(true));
        assertEquals("Invalid learning rate: -0.01",
                assertThrows(IllegalArgumentException.class, () -> new RMSprop(ps, -0.01)).getMessage());
        assertEquals("Invalid alpha value: -0.5", assertThrows(IllegalArgumentException.class,
                () -> new RMSprop(ps, RMSprop.options().alpha(-0.5))).getMessage());
        assertEquals("Invalid epsilon value: -1.0", assertThrows(IllegalArgumentException.class,
                () -> new RMSprop(ps, RMSprop.options().eps(-1))).getMessage());
        assertEquals("Invalid momentum value: -0.9", assertThrows(IllegalArgumentException.class,
                () -> new RMSprop(ps, RMSprop.options().momentum(-0.9))).getMessage());
        assertEquals("Invalid weight_decay value: -1.0", assertThrows(IllegalArgumentException.class,
                () -> new RMSprop(ps, RMSprop.options().weightDecay(-1))).getMessage());
        assertEquals("Invalid momentum value: -0.1", assertThrows(IllegalArgumentException.class,
                () -> new RMSprop(ps, 0.1).setMomentum(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(ps, (RMSprop.Options) null));
    }

    @Test
    void groupEntriesAreOnlyTheSchedulersOnes() {
        SGD sgd = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.1);
        assertContains(assertThrows(IllegalArgumentException.class, () -> sgd.setGroupEntry("lr", 0.2)).getMessage(),
                "'lr'", "initial_lr");
        assertEquals("param 'initial_lr' is not specified in param_groups[0]",
                assertThrows(IllegalArgumentException.class, () -> sgd.groupEntry("initial_lr")).getMessage());
    }
}
