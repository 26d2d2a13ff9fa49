package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;

/** ElmanNetwork and JordanNetwork: the tutorial's example, gradients, layouts, names and repr. */
class ElmanJordanTest {
    private static final int IN = 3;
    private static final int HID = 4;
    private static final int OUT = 2;
    private static final int STEPS = 5;
    private static final int BATCH = 2;

    /** The tutorial's worked example, exactly: every weight 1, no bias, f(x) = x. */
    @Test
    void tutorialElmanExample() {
        ElmanNetwork net = new ElmanNetwork(2, 2, 2, ElmanNetwork.options().bias(false)
                .activation(Activation.IDENTITY).outputActivation(Activation.IDENTITY));
        net.parameters().forEach(p -> p.fill(1f));
        Tensor x = Tensor.of(new float[] {1, 1, 1, 1, 2, 2}, 3, 1, 2);
        NetworkOutput r = net.forward(x);
        assertArrayEquals(new float[] {4, 4, 12, 12, 32, 32}, r.output().toFloatArray());
        assertArrayEquals(new int[] {3, 1, 2}, r.output().shape());
        assertArrayEquals(new float[] {16, 16}, r.h().toFloatArray());
        assertArrayEquals(new int[] {1, 2}, r.h().shape());
        // every hidden state: run prefixes of the sequence
        float[][] hidden = {{2, 2}, {6, 6}, {16, 16}};
        for (int t = 1; t <= 3; t++) {
            assertArrayEquals(hidden[t - 1], net.forward(x.narrow(0, 0, t)).h().toFloatArray(), "hidden at " + t);
        }
        assertEquals("ElmanNetwork(2, 2, 2, bias=False, activation=identity)", net.toString());
    }

    /** The same weights in a Jordan network: a_t = x_t W + y_{t-1} W, y_t = 2 a_t per unit. */
    @Test
    void jordanOnesExample() {
        JordanNetwork net = new JordanNetwork(2, 2, 2, JordanNetwork.options().bias(false)
                .activation(Activation.IDENTITY));
        net.parameters().forEach(p -> p.fill(1f));
        NetworkOutput r = net.forward(Tensor.of(new float[] {1, 1, 1, 1, 2, 2}, 3, 2));
        // a = [2,2] y = [4,4]; a = 2 + 8 = [10,10] y = [20,20]; a = 4 + 40 = [44,44] y = [88,88]
        assertArrayEquals(new float[] {4, 4, 20, 20, 88, 88}, r.output().toFloatArray());
        assertArrayEquals(new float[] {44, 44}, r.h().toFloatArray());
        assertArrayEquals(new int[] {2}, r.h().shape());
    }

    static Stream<Arguments> networks() {
        List<Arguments> out = new ArrayList<>();
        for (boolean jordan : new boolean[] {false, true}) {
            for (Activation act : Activation.values()) {
                for (Activation outAct : Activation.values()) {
                    for (boolean bias : new boolean[] {true, false}) out.add(Arguments.of(jordan, act, outAct, bias));
                }
            }
        }
        return out.stream();
    }

    private static Module make(boolean jordan, Activation act, Activation outAct, boolean bias) {
        return jordan
                ? new JordanNetwork(IN, HID, OUT, JordanNetwork.options().activation(act).outputActivation(outAct)
                        .bias(bias))
                : new ElmanNetwork(IN, HID, OUT, ElmanNetwork.options().activation(act).outputActivation(outAct)
                        .bias(bias));
    }

    private static NetworkOutput forward(Module m, Tensor x) {
        return m instanceof JordanNetwork ? ((JordanNetwork) m).forward(x) : ((ElmanNetwork) m).forward(x);
    }

    @ParameterizedTest(name = "jordan={0} act={1} outAct={2} bias={3}")
    @MethodSource("networks")
    void gradientsMatchFiniteDifferences(boolean jordan, Activation act, Activation outAct, boolean bias) {
        Tensor.manualSeed(11);
        Module m = make(jordan, act, outAct, bias);
        Map<String, Tensor> leaves = new LinkedHashMap<>(m.namedParameters());
        leaves.put("x", Tensor.randn(STEPS, BATCH, IN));
        GradCheck.check(leaves, l -> {
            NetworkOutput r = forward(m, l.get("x"));
            return new Tensor[] {r.output(), r.h()};
        }, p -> DoubleNets.network(jordan, p, STEPS, BATCH, IN, HID, OUT, act, outAct), 5);
    }

    @ParameterizedTest(name = "jordan={0} act={1} outAct={2} bias={3}")
    @MethodSource("networks")
    void fusedMatchesComposed(boolean jordan, Activation act, Activation outAct, boolean bias) {
        Tensor.manualSeed(3);
        Module m = make(jordan, act, outAct, bias);
        Tensor x = Tensor.randn(STEPS, BATCH, IN).requiresGrad(true);
        NetworkOutput fused = forward(m, x);
        Tensor r1 = Tensor.randn(STEPS, BATCH, OUT);
        Tensor r2 = Tensor.randn(BATCH, HID);
        fused.output().mul(r1).sum().add(fused.h().mul(r2).sum()).backward();
        Map<String, float[]> fusedGrads = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> fusedGrads.put(k, v.grad().toFloatArray()));
        fusedGrads.put("x", x.grad().toFloatArray());
        m.zeroGrad();
        x.setGrad(null);
        Tensor[] comp = ComposedNetworks.run(jordan, m.namedParameters(), x, HID, OUT, act, outAct);
        comp[0].mul(r1).sum().add(comp[1].mul(r2).sum()).backward();
        assertClose(comp[0].toFloatArray(), fused.output().toFloatArray(), "output");
        assertClose(comp[1].toFloatArray(), fused.h().toFloatArray(), "h");
        m.namedParameters().forEach((k, v) -> assertClose(v.grad().toFloatArray(), fusedGrads.get(k), k));
        assertClose(x.grad().toFloatArray(), fusedGrads.get("x"), "x");
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) GradCheck.assertClose(expected[i], actual[i], what + "[" + i + "]");
    }

    @Test
    void batchFirstAndUnbatchedAgreeWithTimeMajor() {
        Tensor.manualSeed(5);
        for (boolean jordan : new boolean[] {false, true}) {
            Module tm = make(jordan, Activation.TANH, Activation.SIGMOID, true);
            Module bf = jordan
                    ? new JordanNetwork(IN, HID, OUT, JordanNetwork.options().outputActivation(Activation.SIGMOID)
                            .batchFirst(true))
                    : new ElmanNetwork(IN, HID, OUT, ElmanNetwork.options().outputActivation(Activation.SIGMOID)
                            .batchFirst(true));
            bf.loadStateDict(tm.stateDict());
            Tensor x = Tensor.randn(STEPS, BATCH, IN);
            NetworkOutput a = forward(tm, x);
            NetworkOutput b = forward(bf, x.transpose(0, 1));
            assertArrayEquals(new int[] {BATCH, STEPS, OUT}, b.output().shape());
            assertArrayEquals(a.output().transpose(0, 1).toFloatArray(), b.output().toFloatArray());
            assertArrayEquals(a.h().toFloatArray(), b.h().toFloatArray());
            NetworkOutput u = forward(tm, x.select(1, 1));
            assertArrayEquals(new int[] {STEPS, OUT}, u.output().shape());
            assertArrayEquals(new int[] {HID}, u.h().shape());
            assertArrayEquals(a.output().select(1, 1).toFloatArray(), u.output().toFloatArray());
            assertArrayEquals(a.h().select(0, 1).toFloatArray(), u.h().toFloatArray());
        }
    }

    @Test
    void parameterNamesShapesAndInitialisation() {
        Tensor.manualSeed(1);
        ElmanNetwork e = new ElmanNetwork(3, 16, 2);
        assertEquals(List.of("weight_ih", "weight_hh", "bias_h", "weight_ho", "bias_o"),
                new ArrayList<>(e.namedParameters().keySet()));
        assertArrayEquals(new int[] {16, 16}, e.namedParameters().get("weight_hh").shape());
        assertArrayEquals(new int[] {2, 16}, e.namedParameters().get("weight_ho").shape());
        JordanNetwork j = new JordanNetwork(3, 16, 2, JordanNetwork.options().bias(false));
        assertEquals(List.of("weight_ih", "weight_yh", "weight_ho"), new ArrayList<>(j.namedParameters().keySet()));
        assertArrayEquals(new int[] {16, 2}, j.namedParameters().get("weight_yh").shape());
        assertArrayEquals(new int[] {16, 3}, j.namedParameters().get("weight_ih").shape());
        for (String k : List.of("weight_ih", "weight_hh", "weight_ho")) { // 32+ draws each
            float max = 0;
            for (float v : e.namedParameters().get(k).toFloatArray()) max = Math.max(max, Math.abs(v));
            assertTrue(max <= 0.25f && max > 0.2f, k + ": U(-1/4, 1/4), max |w| = " + max);
        }
    }

    @Test
    void reprShowsOnlyNonDefaults() {
        assertEquals("ElmanNetwork(3, 4, 2)", new ElmanNetwork(3, 4, 2).toString());
        assertEquals("JordanNetwork(3, 4, 2, batch_first=True, activation=relu, output_activation=sigmoid)",
                new JordanNetwork(3, 4, 2, JordanNetwork.options().batchFirst(true).activation(Activation.RELU)
                        .outputActivation(Activation.SIGMOID)).toString());
    }

    @Test
    void emptyBatchGivesEmptyOutputsAndGradients() {
        for (boolean jordan : new boolean[] {false, true}) {
            Module m = make(jordan, Activation.TANH, Activation.IDENTITY, true);
            Tensor x = Tensor.zeros(STEPS, 0, IN).requiresGrad(true);
            NetworkOutput r = forward(m, x);
            assertArrayEquals(new int[] {STEPS, 0, OUT}, r.output().shape());
            assertArrayEquals(new int[] {0, HID}, r.h().shape());
            r.output().sum().add(r.h().sum()).backward();
            assertArrayEquals(new int[] {STEPS, 0, IN}, x.grad().shape());
            for (Tensor p : m.parameters()) assertArrayEquals(new float[p.numel()], p.grad().toFloatArray());
        }
    }

    @Test
    void noGradModeRecordsNothing() {
        ElmanNetwork e = new ElmanNetwork(2, 3, 1);
        try (var off = org.rnn4j.autograd.GradMode.noGrad()) {
            assertNull(TensorAccess.gradFn(e.forward(Tensor.randn(4, 2)).output()));
        }
    }
}
