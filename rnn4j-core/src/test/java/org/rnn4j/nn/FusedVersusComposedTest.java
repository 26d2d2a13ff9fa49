package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.tensor.Tensor;

/**
 * The fused layers (one autograd node per layer, BPTT kernels) against {@link ComposedRecurrent}
 * (one node per primitive op): outputs, h_n, c_n and every gradient.
 */
class FusedVersusComposedTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String type : List.of("RNN", "GRU", "LSTM")) {
            for (int layers : new int[] {1, 2}) {
                for (boolean bidi : new boolean[] {false, true}) {
                    for (boolean bias : new boolean[] {true, false}) {
                        out.add(Arguments.of(type, layers, bidi, bias, 0, false, Activation.TANH));
                    }
                }
            }
        }
        out.add(Arguments.of("RNN", 2, true, true, 0, false, Activation.RELU));
        out.add(Arguments.of("LSTM", 2, true, true, 2, false, Activation.TANH));
        out.add(Arguments.of("LSTM", 2, true, true, 0, true, Activation.TANH));
        out.add(Arguments.of("LSTM", 1, false, true, 3, true, Activation.IDENTITY));
        out.add(Arguments.of("LSTM", 1, true, false, 0, true, Activation.RELU));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} layers={1} bidi={2} bias={3} proj={4} peep={5} act={6}")
    @MethodSource("cases")
    void fusedMatchesComposed(String type, int layers, boolean bidi, boolean bias, int proj, boolean peep,
                              Activation act) {
        Tensor.manualSeed(7);
        int in = 3;
        int hid = 5;
        int steps = 4;
        int batch = 2;
        Recurrent m;
        switch (type) {
            case "RNN":
                m = new RNN(in, hid, RNN.options().numLayers(layers).bidirectional(bidi).bias(bias).nonlinearity(act));
                break;
            case "GRU":
                m = new GRU(in, hid, GRU.options().numLayers(layers).bidirectional(bidi).bias(bias));
                break;
            default:
                m = new LSTM(in, hid, LSTM.options().numLayers(layers).bidirectional(bidi).bias(bias).projSize(proj)
                        .peephole(peep).activation(act));
        }
        int d = bidi ? 2 : 1;
        int p = proj > 0 ? proj : hid;
        Tensor x = Tensor.randn(steps, batch, in).requiresGrad(true);
        Tensor h0 = Tensor.randn(layers * d, batch, p).requiresGrad(true);
        Tensor c0 = type.equals("LSTM") ? Tensor.randn(layers * d, batch, hid).requiresGrad(true) : null;
        RecurrentResult o = m.run(x, new RecurrentState(h0, c0));
        Tensor[] fused = {o.output(), o.state().h(), o.state().c()};
        Map<String, Tensor> fusedGrads = backward(fused, x, h0, c0, m);

        Map<String, Tensor> copies = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> copies.put(k, Tensor.of(v.toFloatArray(), v.shape()).requiresGrad(true)));
        Tensor x2 = Tensor.of(x.toFloatArray(), x.shape()).requiresGrad(true);
        Tensor h2 = Tensor.of(h0.toFloatArray(), h0.shape()).requiresGrad(true);
        Tensor c2 = c0 == null ? null : Tensor.of(c0.toFloatArray(), c0.shape()).requiresGrad(true);
        Tensor[] composed = ComposedRecurrent.run(type, copies, layers, bidi, x2, h2, c2, act, Activation.SIGMOID, peep);
        Map<String, Tensor> composedGrads = backwardComposed(composed, x2, h2, c2, copies);

        for (int i = 0; i < 3; i++) {
            if (fused[i] == null) continue;
            assertClose("output " + i, composed[i], fused[i]);
        }
        assertEquals(composedGrads.keySet(), fusedGrads.keySet());
        for (String k : composedGrads.keySet()) {
            assertNotNull(fusedGrads.get(k), "missing fused grad " + k);
            assertClose("grad " + k, composedGrads.get(k), fusedGrads.get(k));
        }
    }

    /** loss = Σ out ⊙ w_out + Σ h ⊙ w_h (+ Σ c ⊙ w_c) with fixed weights, so every output matters. */
    private static Tensor loss(Tensor[] outs) {
        Tensor l = null;
        for (int i = 0; i < outs.length; i++) {
            if (outs[i] == null) continue;
            int n = outs[i].numel();
            float[] w = new float[n];
            for (int k = 0; k < n; k++) w[k] = (float) Math.sin(0.7 * k + i);
            Tensor term = outs[i].mul(Tensor.of(w, outs[i].shape())).sum();
            l = l == null ? term : l.add(term);
        }
        return l;
    }

    private static Map<String, Tensor> backward(Tensor[] outs, Tensor x, Tensor h0, Tensor c0, Recurrent m) {
        loss(outs).backward();
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("x", x.grad());
        g.put("h0", h0.grad());
        if (c0 != null) g.put("c0", c0.grad());
        m.namedParameters().forEach((k, v) -> g.put(k, v.grad()));
        return g;
    }

    private static Map<String, Tensor> backwardComposed(Tensor[] outs, Tensor x, Tensor h0, Tensor c0,
                                                        Map<String, Tensor> params) {
        loss(outs).backward();
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("x", x.grad());
        g.put("h0", h0.grad());
        if (c0 != null) g.put("c0", c0.grad());
        params.forEach((k, v) -> g.put(k, v.grad()));
        return g;
    }

    static void assertClose(String what, Tensor expected, Tensor actual) {
        assertNotNull(expected, what + ": expected is null");
        assertNotNull(actual, what + ": actual is null");
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            double tol = 1e-5 + 1e-4 * Math.abs(e[i]);
            if (Math.abs(e[i] - a[i]) > tol) {
                throw new AssertionError(what + " differs at flat index " + i + ": expected " + e[i] + ", got " + a[i]);
            }
        }
    }
}
