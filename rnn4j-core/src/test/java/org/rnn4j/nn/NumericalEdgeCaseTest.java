package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

/**
 * Saturating and non-finite activations, zero-size batches and one-step sequences give PyTorch's
 * answers. Expected values below were printed by PyTorch 1.13 (torch.sigmoid / torch.tanh and
 * LSTMCell / GRUCell with zero weights and bias_ih filled with v, h0 = c0 = 0.5).
 */
class NumericalEdgeCaseTest {
    private static final float INF = Float.POSITIVE_INFINITY;
    private static final float NAN = Float.NaN;

    /** Same value as PyTorch: equal within 1e-7 absolute (PyTorch flushes σ(-88.8) to 0, we give 2.7e-39), NaN where PyTorch gives NaN. */
    private static void same(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            boolean ok = Float.isNaN(expected[i]) ? Float.isNaN(actual[i])
                    : !Float.isNaN(actual[i]) && Math.abs(expected[i] - actual[i]) <= 1e-7f;
            assertTrue(ok, what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }

    // inputs:                         1e4, -1e4, inf, -inf, nan, 1e-40, -1e-40, min subnormal, 88.8, -88.8, 20, -104, 0, -0
    private static final float[] X = {1e4f, -1e4f, INF, -INF, NAN, 1e-40f, -1e-40f, Float.MIN_VALUE, 88.8f, -88.8f, 20f,
        -104f, 0f, -0f};

    @Test
    void tensorSigmoidAtTheExtremes() {
        Tensor x = Tensor.of(X, X.length).requiresGrad(true);
        Tensor y = x.sigmoid();
        y.sum().backward();
        same(new float[] {1, 0, 1, 0, NAN, 0.5f, 0.5f, 0.5f, 1, 0, 1, 0, 0.5f, 0.5f}, y.toFloatArray(), "sigmoid");
        same(new float[] {0, 0, 0, 0, NAN, 0.25f, 0.25f, 0.25f, 0, 0, 0, 0, 0.25f, 0.25f}, x.grad().toFloatArray(),
                "sigmoid'");
        assertEquals(1f, y.toFloatArray()[0], "σ(1e4) is exactly 1");
        assertEquals(0f, y.toFloatArray()[1], "σ(-1e4) is exactly 0");
    }

    @Test
    void tensorTanhAtTheExtremes() {
        Tensor x = Tensor.of(X, X.length).requiresGrad(true);
        Tensor y = x.tanh();
        y.sum().backward();
        float[] got = y.toFloatArray();
        same(new float[] {1, -1, 1, -1, NAN, 1e-40f, -1e-40f, Float.MIN_VALUE, 1, -1, 1, -1, 0, -0f}, got, "tanh");
        // subnormals pass through bit-exactly, signed zeros keep their sign, as in PyTorch
        assertEquals(Float.floatToRawIntBits(1e-40f), Float.floatToRawIntBits(got[5]));
        assertEquals(Float.floatToRawIntBits(-1e-40f), Float.floatToRawIntBits(got[6]));
        assertEquals(Float.floatToRawIntBits(Float.MIN_VALUE), Float.floatToRawIntBits(got[7]));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(got[13]));
        same(new float[] {0, 0, 0, 0, NAN, 1, 1, 1, 0, 0, 0, 0, 1, 1}, x.grad().toFloatArray(), "tanh'");
    }

    private static void saturate(Module m, float v) {
        try (var off = org.rnn4j.autograd.GradMode.noGrad()) {
            for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
                e.getValue().fill(e.getKey().startsWith("bias_ih") ? v : 0f);
            }
        }
    }

    // PyTorch: v -> (LSTM h, LSTM c, GRU h) with h0 = c0 = 0.5
    private static final float[][] CELL_CASES = {
        {1e4f, 0.9051482677459717f, 1.5f, 0.5f},
        {-1e4f, 0f, 0f, -1f},
        {INF, 0.9051482677459717f, 1.5f, 0.5f},
        {-INF, 0f, 0f, -1f},
        {NAN, NAN, NAN, NAN},
        {1e-40f, 0.12245932966470718f, 0.25f, 0.25f},
        {-1e-40f, 0.12245932966470718f, 0.25f, 0.25f},
        {88.8f, 0.9051482677459717f, 1.5f, 0.5f},
        {-88.8f, 0f, 0f, -1f},
        {20f, 0.9051482677459717f, 1.5f, 0.5f},
        {-104f, 0f, 0f, -1f},
    };

    @Test
    void fusedLstmAndGruCellsAtTheExtremes() {
        for (float[] c : CELL_CASES) {
            float v = c[0];
            LSTMCell lstm = new LSTMCell(1, 2);
            saturate(lstm, v);
            CellState s = lstm.forward(Tensor.zeros(1, 1), Tensor.full(0.5f, 1, 2), Tensor.full(0.5f, 1, 2));
            same(new float[] {c[1], c[1]}, s.h().toFloatArray(), "LSTMCell h at " + v);
            same(new float[] {c[2], c[2]}, s.c().toFloatArray(), "LSTMCell c at " + v);
            GRUCell gru = new GRUCell(1, 2);
            saturate(gru, v);
            same(new float[] {c[3], c[3]}, gru.forward(Tensor.zeros(1, 1), Tensor.full(0.5f, 1, 2)).toFloatArray(),
                    "GRUCell h at " + v);
        }
    }

    @Test
    void fusedLstmAndGruLayersAtTheExtremes() {
        for (float[] c : CELL_CASES) {
            float v = c[0];
            LSTM lstm = new LSTM(1, 2);
            saturate(lstm, v);
            LSTMOutput o = lstm.forward(Tensor.zeros(1, 1, 1), Tensor.full(0.5f, 1, 1, 2), Tensor.full(0.5f, 1, 1, 2));
            same(new float[] {c[1], c[1]}, o.output().toFloatArray(), "LSTM output at " + v);
            same(new float[] {c[2], c[2]}, o.c().toFloatArray(), "LSTM c_n at " + v);
            GRU gru = new GRU(1, 2);
            saturate(gru, v);
            same(new float[] {c[3], c[3]}, gru.forward(Tensor.zeros(1, 1, 1), Tensor.full(0.5f, 1, 1, 2)).h()
                    .toFloatArray(), "GRU h_n at " + v);
        }
    }

    @Test
    void fusedGradientsAtSaturationAreFiniteAndMatchPyTorch() {
        // PyTorch: d(sum h + sum c)/d(bias_ih) = 0, dh0 = 0, dc0 = 1.1807066 (v = +1e4/+inf) or 0 (-1e4/-inf);
        // GRU d(sum h)/d(bias_ih) = 0, dh0 = 1 (+) or 0 (-)
        for (float v : new float[] {1e4f, -1e4f, INF, -INF}) {
            boolean pos = v > 0;
            LSTMCell lstm = new LSTMCell(1, 2);
            saturate(lstm, v);
            Tensor h0 = Tensor.full(0.5f, 1, 2).requiresGrad(true);
            Tensor c0 = Tensor.full(0.5f, 1, 2).requiresGrad(true);
            CellState s = lstm.forward(Tensor.zeros(1, 1), h0, c0);
            s.h().sum().add(s.c().sum()).backward();
            same(new float[8], lstm.namedParameters().get("bias_ih").grad().toFloatArray(), "LSTM dbias_ih at " + v);
            same(new float[2], h0.grad().toFloatArray(), "LSTM dh0 at " + v);
            float dc = pos ? 1.1807066202163696f : 0f;
            same(new float[] {dc, dc}, c0.grad().toFloatArray(), "LSTM dc0 at " + v);

            GRUCell gru = new GRUCell(1, 2);
            saturate(gru, v);
            Tensor g0 = Tensor.full(0.5f, 1, 2).requiresGrad(true);
            gru.forward(Tensor.zeros(1, 1), g0).sum().backward();
            same(new float[6], gru.namedParameters().get("bias_ih").grad().toFloatArray(), "GRU dbias_ih at " + v);
            float dh = pos ? 1f : 0f;
            same(new float[] {dh, dh}, g0.grad().toFloatArray(), "GRU dh0 at " + v);
        }
    }

    // ------------------------------------------------------------ zero-size batches

    @Test
    void batchOfZeroGivesEmptyOutputsAsInPyTorch() {
        // PyTorch 1.13: RNN/GRU(4, 3)(zeros(5, 0, 4)) -> output [5, 0, 3], h_n [1, 0, 3]; LSTM also c_n [1, 0, 3]
        RNN rnn = new RNN(4, 3, RNN.options().numLayers(2).bidirectional(true));
        RecurrentOutput r = rnn.forward(Tensor.zeros(5, 0, 4));
        assertArrayEquals(new int[] {5, 0, 6}, r.output().shape());
        assertArrayEquals(new int[] {4, 0, 3}, r.h().shape());
        GRU gru = new GRU(4, 3);
        RecurrentOutput g = gru.forward(Tensor.zeros(5, 0, 4), Tensor.zeros(1, 0, 3));
        assertArrayEquals(new int[] {5, 0, 3}, g.output().shape());
        assertArrayEquals(new int[] {1, 0, 3}, g.h().shape());
        LSTM lstm = new LSTM(4, 3, LSTM.options().projSize(2));
        LSTMOutput l = lstm.forward(Tensor.zeros(5, 0, 4));
        assertArrayEquals(new int[] {5, 0, 2}, l.output().shape());
        assertArrayEquals(new int[] {1, 0, 2}, l.h().shape());
        assertArrayEquals(new int[] {1, 0, 3}, l.c().shape());
        RNN bf = new RNN(4, 3, RNN.options().batchFirst(true));
        RecurrentOutput b = bf.forward(Tensor.zeros(0, 5, 4));
        assertArrayEquals(new int[] {0, 5, 3}, b.output().shape());
        assertArrayEquals(new int[] {1, 0, 3}, b.h().shape());
    }

    @Test
    void batchOfZeroBackwardGivesZeroGradients() {
        for (Recurrent m : new Recurrent[] {new RNN(4, 3, 2), new LSTM(4, 3), new GRU(4, 3)}) {
            Tensor x = Tensor.zeros(5, 0, 4).requiresGrad(true);
            Tensor out = m.run(x).output();
            out.sum().backward();
            assertArrayEquals(new int[] {5, 0, 4}, x.grad().shape());
            for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
                Tensor gp = p.getValue().grad();
                assertTrue(gp != null, m + " " + p.getKey() + " has no gradient");
                same(new float[gp.numel()], gp.toFloatArray(), m + " " + p.getKey());
            }
        }
    }

    @Test
    void cellsWithBatchOfZero() {
        // PyTorch: RNNCell(4, 3)(zeros(0, 4)) -> [0, 3]; LSTMCell -> h, c [0, 3]
        assertArrayEquals(new int[] {0, 3}, new RNNCell(4, 3).forward(Tensor.zeros(0, 4)).shape());
        assertArrayEquals(new int[] {0, 3}, new GRUCell(4, 3).forward(Tensor.zeros(0, 4), Tensor.zeros(0, 3)).shape());
        CellState s = new LSTMCell(4, 3).forward(Tensor.zeros(0, 4));
        assertArrayEquals(new int[] {0, 3}, s.h().shape());
        assertArrayEquals(new int[] {0, 3}, s.c().shape());
    }

    // ------------------------------------------------------------ one-step sequences

    @Test
    void oneStepSequenceEqualsOneCellStep() {
        Tensor.manualSeed(3);
        Tensor x = Tensor.randn(1, 2, 4);
        Tensor h0 = Tensor.randn(1, 2, 3);
        Tensor c0 = Tensor.randn(1, 2, 3);
        RNN rnn = new RNN(4, 3);
        RNNCell rnnCell = new RNNCell(4, 3);
        rnnCell.loadStateDict(rnn.stateDict().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().replace("_l0", ""), Map.Entry::getValue)));
        RecurrentOutput r = rnn.forward(x, h0);
        Tensor hc = rnnCell.forward(x.select(0, 0), h0.select(0, 0));
        assertArrayEquals(hc.toFloatArray(), r.output().toFloatArray());
        assertArrayEquals(hc.toFloatArray(), r.h().toFloatArray());
        assertArrayEquals(new int[] {1, 2, 3}, r.output().shape());

        LSTM lstm = new LSTM(4, 3);
        LSTMCell lstmCell = new LSTMCell(4, 3);
        lstmCell.loadStateDict(lstm.stateDict().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().replace("_l0", ""), Map.Entry::getValue)));
        LSTMOutput l = lstm.forward(x, h0, c0);
        CellState s = lstmCell.forward(x.select(0, 0), h0.select(0, 0), c0.select(0, 0));
        assertArrayEquals(s.h().toFloatArray(), l.h().toFloatArray());
        assertArrayEquals(s.c().toFloatArray(), l.c().toFloatArray());

        // unbatched one-step: [1, I] -> output [1, H], h_n [1, H]
        GRU gru = new GRU(4, 3);
        RecurrentOutput u = gru.forward(Tensor.randn(1, 4));
        assertArrayEquals(new int[] {1, 3}, u.output().shape());
        assertArrayEquals(new int[] {1, 3}, u.h().shape());
        assertArrayEquals(u.output().toFloatArray(), u.h().toFloatArray());
    }
}
