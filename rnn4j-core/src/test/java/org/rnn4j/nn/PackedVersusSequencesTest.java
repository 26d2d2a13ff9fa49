package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.testing.Fixture;

/**
 * A packed batch against its sequences run one by one through the dense path (batch 1, each its
 * own length): every option PyTorch has and the extensions it lacks (peepholes, other
 * activations). Per row the two compute the same operations in the same order (every GEMM element
 * is the same fma chain whatever the row count), so outputs, h_n, c_n and the gradients of the
 * input and of h0/c0 must be the same bits; the weight gradients sum the rows in another order and
 * are compared with a tolerance.
 */
class PackedVersusSequencesTest {
    static final int[] LENGTHS = {3, 5, 1, 5, 2, 4};  // unsorted, with a tie
    static final int STEPS = 6;                        // padded to more than the longest

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (int layers : new int[] {1, 2}) {
                for (boolean bidi : new boolean[] {false, true}) {
                    out.add(Arguments.of(RecurrentConfig.of(cell, 3, 5).numLayers(layers).bidirectional(bidi), true));
                }
            }
            out.add(Arguments.of(RecurrentConfig.of(cell, 3, 5).bias(false).bidirectional(true), false));
            out.add(Arguments.of(RecurrentConfig.of(cell, 3, 5).batchFirst(true).numLayers(2), true));
        }
        out.add(Arguments.of(RecurrentConfig.of(CellType.RNN, 3, 5).activation(Activation.RELU).bidirectional(true), true));
        out.add(Arguments.of(RecurrentConfig.of(CellType.LSTM, 3, 5).projSize(2).numLayers(2).bidirectional(true), true));
        out.add(Arguments.of(RecurrentConfig.of(CellType.LSTM, 3, 5).projSize(3), false));
        out.add(Arguments.of(RecurrentConfig.of(CellType.LSTM, 3, 5).peephole(true).numLayers(2).bidirectional(true), true));
        out.add(Arguments.of(RecurrentConfig.of(CellType.LSTM, 3, 5).peephole(true).activation(Activation.RELU)
                .gateActivation(Activation.TANH).bidirectional(true), true));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} h0={1}")
    @MethodSource("cases")
    void packedEqualsEachSequenceAlone(RecurrentConfig config, boolean withH0) {
        Tensor.manualSeed(11);
        Recurrent m = Recurrent.of(config);
        int batch = LENGTHS.length;
        int rows = config.numLayers() * config.directions();
        boolean lstm = config.cell() == CellType.LSTM;
        Tensor x = config.batchFirst() ? Tensor.randn(batch, STEPS, config.inputSize())
                : Tensor.randn(STEPS, batch, config.inputSize());
        x.requiresGrad(true);
        Tensor h0 = withH0 ? Tensor.randn(rows, batch, config.outHidden()).requiresGrad(true) : null;
        Tensor c0 = withH0 && lstm ? Tensor.randn(rows, batch, config.hiddenSize()).requiresGrad(true) : null;

        PackedSequence packed = RnnUtils.packPaddedSequence(x, LENGTHS, config.batchFirst(), false);
        PackedResult r = m.run(packed, withH0 ? new RecurrentState(h0, c0) : null);
        PaddedSequence y = RnnUtils.padPackedSequence(r.output(), config.batchFirst(), 0f, STEPS);
        assertArrayEquals(LENGTHS, y.lengths());
        Tensor seedY = Tensor.randn(y.data().shape());
        Tensor seedH = Tensor.randn(r.state().h().shape());
        Tensor seedC = lstm ? Tensor.randn(r.state().c().shape()) : null;
        Tensor loss = y.data().mul(seedY).sum().add(r.state().h().mul(seedH).sum());
        if (lstm) loss = loss.add(r.state().c().mul(seedC).sum());
        loss.backward();
        Map<String, Tensor> packedGrads = grads(m);

        m.zeroGrad();
        for (int j = 0; j < batch; j++) {
            int len = LENGTHS[j];
            Tensor xj = (config.batchFirst() ? x.narrow(0, j, 1).narrow(1, 0, len) : x.narrow(0, 0, len).narrow(1, j, 1))
                    .detach().contiguous().requiresGrad(true);
            Tensor hj = h0 == null ? null : h0.narrow(1, j, 1).detach().contiguous().requiresGrad(true);
            Tensor cj = c0 == null ? null : c0.narrow(1, j, 1).detach().contiguous().requiresGrad(true);
            RecurrentResult rj = m.run(xj, withH0 ? new RecurrentState(hj, cj) : null);
            String which = config + " sequence " + j;
            Tensor yj = config.batchFirst() ? y.data().narrow(0, j, 1).narrow(1, 0, len)
                    : y.data().narrow(0, 0, len).narrow(1, j, 1);
            assertArrayEquals(rj.output().toFloatArray(), yj.toFloatArray(), which + ": output");
            assertArrayEquals(rj.state().h().toFloatArray(), r.state().h().narrow(1, j, 1).toFloatArray(), which + ": h_n");
            if (lstm) {
                assertArrayEquals(rj.state().c().toFloatArray(), r.state().c().narrow(1, j, 1).toFloatArray(),
                        which + ": c_n");
            }
            Tensor sy = config.batchFirst() ? seedY.narrow(0, j, 1).narrow(1, 0, len) : seedY.narrow(0, 0, len).narrow(1, j, 1);
            Tensor lj = rj.output().mul(sy.contiguous()).sum().add(rj.state().h().mul(seedH.narrow(1, j, 1).contiguous()).sum());
            if (lstm) lj = lj.add(rj.state().c().mul(seedC.narrow(1, j, 1).contiguous()).sum());
            lj.backward();
            Tensor gx = config.batchFirst() ? x.grad().narrow(0, j, 1).narrow(1, 0, len) : x.grad().narrow(0, 0, len).narrow(1, j, 1);
            assertArrayEquals(xj.grad().toFloatArray(), gx.toFloatArray(), which + ": grad x");
            if (hj != null) assertArrayEquals(hj.grad().toFloatArray(), h0.grad().narrow(1, j, 1).toFloatArray(), which + ": grad h0");
            if (cj != null) assertArrayEquals(cj.grad().toFloatArray(), c0.grad().narrow(1, j, 1).toFloatArray(), which + ": grad c0");
        }
        // Padding receives no gradient.
        for (int j = 0; j < batch; j++) {
            int len = LENGTHS[j];
            if (len == STEPS) continue;
            Tensor pad = config.batchFirst() ? x.grad().narrow(0, j, 1).narrow(1, len, STEPS - len)
                    : x.grad().narrow(0, len, STEPS - len).narrow(1, j, 1);
            for (float v : pad.toFloatArray()) assertEquals(0f, v, "grad of padding, sequence " + j);
        }
        Map<String, Tensor> summed = grads(m);
        for (String k : packedGrads.keySet()) {
            Fixture.assertClose(config.toString(), "grad " + k, summed.get(k), packedGrads.get(k), 1e-5, 1e-5);
        }
    }

    private static Map<String, Tensor> grads(Recurrent m) {
        Map<String, Tensor> g = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> g.put(k, Tensor.of(v.grad().toFloatArray(), v.shape())));
        return g;
    }

    /** In training, dropout acts on the packed data between the layers, as two one-layer modules composed by hand. */
    @org.junit.jupiter.api.Test
    void dropoutActsOnThePackedDataBetweenLayers() {
        Tensor.manualSeed(5);
        LSTM stack = new LSTM(3, 4, LSTM.options().numLayers(2).dropout(0.5).bidirectional(true));
        LSTM first = new LSTM(3, 4, LSTM.options().bidirectional(true));
        LSTM second = new LSTM(8, 4, LSTM.options().bidirectional(true));
        for (String k : first.namedParameters().keySet()) {
            first.namedParameters().get(k).copyFrom(stack.namedParameters().get(k));
            second.namedParameters().get(k).copyFrom(stack.namedParameters().get(k.replace("_l0", "_l1")));
        }
        PackedSequence x = RnnUtils.packPaddedSequence(Tensor.randn(STEPS, LENGTHS.length, 3), LENGTHS, false, false);
        Tensor.manualSeed(9);
        PackedLSTMOutput r = stack.forward(x);
        Tensor.manualSeed(9);
        PackedLSTMOutput a = first.forward(x);
        PackedLSTMOutput b = second.forward(a.output().withData(RecurrentStack.dropout(a.output().data(), 0.5)));
        assertArrayEquals(b.output().data().toFloatArray(), r.output().data().toFloatArray(), "output");
        assertArrayEquals(Tensor.cat(List.of(a.h(), b.h()), 0).toFloatArray(), r.h().toFloatArray(), "h_n");
        float[] dropped = a.output().data().toFloatArray();
        float[] kept = RecurrentStack.dropout(a.output().data(), 0.5).toFloatArray();
        int zeros = 0;
        for (float v : kept) if (v == 0f) zeros++;
        org.junit.jupiter.api.Assertions.assertTrue(zeros > 0 && zeros < dropped.length, "some zeroed: " + zeros);
    }
}
