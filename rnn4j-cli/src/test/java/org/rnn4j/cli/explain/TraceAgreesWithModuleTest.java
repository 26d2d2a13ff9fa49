package org.rnn4j.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.Tensor;

/**
 * The explanation can never disagree with the library: every traced output, and the last hidden
 * and cell states, equal the modules' own forward pass, for random weights and every option.
 */
class TraceAgreesWithModuleTest {

    static Stream<Arguments> settings() {
        List<Arguments> out = new ArrayList<>();
        for (ExplainModel.Kind kind : ExplainModel.Kind.values()) {
            for (Activation act : Activation.values()) {
                for (boolean bias : new boolean[] {true, false}) {
                    for (boolean peep : new boolean[] {false, true}) {
                        if (peep && kind != ExplainModel.Kind.LSTM) continue;
                        Activation other = Activation.values()[(act.ordinal() + 1) % 4];
                        out.add(Arguments.of(new ExplainModel.Settings(kind, 3, 4, 2, act, other,
                                kind == ExplainModel.Kind.LSTM ? other : Activation.SIGMOID, peep, bias)));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void traceEqualsForward(ExplainModel.Settings s) {
        Tensor.manualSeed(21);
        ExplainModel m = ExplainModel.build(s);
        float[][] xs = new float[6][];
        for (int t = 0; t < xs.length; t++) xs[t] = Tensor.randn(3).toFloatArray();
        Trace tr = m.tracer().trace(m.module().stateDict(), xs);
        float[] flat = new float[18];
        for (int t = 0; t < 6; t++) System.arraycopy(xs[t], 0, flat, t * 3, 3);
        Tensor x = Tensor.of(flat, 6, 3);
        assertClose(m.forward().apply(x).toFloatArray(), tr.outputs(), "outputs");
        float[] lastH;
        float[] lastC = null;
        switch (s.kind()) {
            case ELMAN: lastH = ((org.rnn4j.nn.ElmanNetwork) m.module()).forward(x).h().toFloatArray(); break;
            case JORDAN: lastH = ((org.rnn4j.nn.JordanNetwork) m.module()).forward(x).h().toFloatArray(); break;
            case LSTM: {
                var r = ((org.rnn4j.nn.LSTM) m.module()).forward(x);
                lastH = r.h().toFloatArray();
                lastC = r.c().toFloatArray();
                break;
            }
            default: lastH = ((org.rnn4j.nn.GRU) m.module()).forward(x).h().toFloatArray();
        }
        boolean net = s.kind() == ExplainModel.Kind.ELMAN || s.kind() == ExplainModel.Kind.JORDAN;
        assertClose(lastH, tr.get(5, net ? "a" : "h"), "last hidden");
        if (lastC != null) assertClose(lastC, tr.get(5, "c"), "last cell");
        // the trace's recorded previous states chain: what step t reads is what step t-1 wrote
        for (int t = 1; t < 6; t++) {
            String prev = s.kind() == ExplainModel.Kind.JORDAN ? "y" : net ? "a" : "h";
            assertClose(tr.get(t - 1, prev), tr.get(t, prev + "_prev"), "step " + t + " previous state");
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            assertTrue(Math.abs(e - a) <= 1e-5 + 1e-5 * Math.abs(e), what + "[" + i + "]: " + e + " vs " + a);
        }
    }
}
