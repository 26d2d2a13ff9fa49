package org.rnn4j.tensor.cpu.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.parallel.GemmPool;

/**
 * The two directions of a bidirectional layer run on two threads give the same bits as run one
 * after the other: outputs, states, and every gradient (the input gradient sums both).
 */
class ParallelDirectionsTest {
    private static List<float[]> run(Recurrent m, Tensor x, long minDirectionWork) {
        ScanThresholds d = ScanThresholds.DEFAULTS;
        try (var scope = ScanThresholds.override(new ScanThresholds(d.minWork(), d.minWeights(), d.minRowSplit(),
                d.minRowWork(), minDirectionWork))) {
            return run(m, x);
        }
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("lstm", (Supplier<Recurrent>) () -> new LSTM(6, 20, LSTM.options().bidirectional(true))),
                Arguments.of("lstm 2 layers proj peephole", (Supplier<Recurrent>) () -> new LSTM(6, 20,
                        LSTM.options().bidirectional(true).numLayers(2).projSize(7).peephole(true))),
                Arguments.of("gru 2 layers", (Supplier<Recurrent>) () -> new GRU(6, 20,
                        GRU.options().bidirectional(true).numLayers(2))),
                Arguments.of("rnn relu", (Supplier<Recurrent>) () -> new RNN(6, 20,
                        RNN.options().bidirectional(true).nonlinearity(org.rnn4j.nn.Activation.RELU))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void sameBitsOnOneOrTwoThreads(String name, Supplier<Recurrent> make) {
        Recurrent m = make.get();
        Tensor x = Tensor.randn(11, 3, 6).requiresGrad(true);
        long before = RecurrentScan.PARALLEL_DIRECTIONS.get();
        List<float[]> sequential = run(m, x, Long.MAX_VALUE);
        assertEquals(before, RecurrentScan.PARALLEL_DIRECTIONS.get(), "ran one after the other");
        List<float[]> parallel = run(m, x, 0);
        if (GemmPool.MAX_THREADS >= 2) {
            assertTrue(RecurrentScan.PARALLEL_DIRECTIONS.get() > before, "directions ran at once");
        }
        assertEquals(sequential.size(), parallel.size());
        for (int i = 0; i < sequential.size(); i++) {
            assertArrayEquals(sequential.get(i), parallel.get(i), name + ": result " + i);
        }
    }

    /** Inference output, then training output, h_n, and every gradient. */
    private static List<float[]> run(Recurrent m, Tensor x) {
        List<float[]> r = new ArrayList<>();
        try (var off = GradMode.noGrad()) {
            r.add(output(m, x)[0].toFloatArray());
        }
        m.zeroGrad();
        x.setGrad(null);
        Tensor[] y = output(m, x);
        r.add(y[0].toFloatArray());
        r.add(y[1].toFloatArray());
        y[0].mul(y[0]).sum().add(y[1].sum()).backward();
        r.add(x.grad().toFloatArray());
        for (Tensor p : m.parameters()) r.add(p.grad().toFloatArray());
        return r;
    }

    private static Tensor[] output(Recurrent m, Tensor x) {
        var o = m.run(x);
        return new Tensor[] {o.output(), o.state().h()};
    }
}
