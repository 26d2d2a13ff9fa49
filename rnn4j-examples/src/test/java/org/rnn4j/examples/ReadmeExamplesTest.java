package org.rnn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LSTMOutput;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.PackedLSTMOutput;
import org.rnn4j.nn.PackedSequence;
import org.rnn4j.nn.PaddedSequence;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RNNCell;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.nn.RnnUtils;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;

/** The Java examples of README.md, as written there, with the shapes its comments claim. */
class ReadmeExamplesTest {
    @Test
    void modules() {
        Tensor.manualSeed(0);
        RNN rnn = new RNN(100, 10);
        Tensor x = Tensor.randn(10, 3, 100);
        RecurrentOutput r = rnn.forward(x, Tensor.zeros(1, 3, 10));
        assertArrayEquals(new int[] {10, 3, 10}, r.output().shape());
        assertArrayEquals(new int[] {1, 3, 10}, r.h().shape());

        LSTM lstm = new LSTM(100, 20, LSTM.options().numLayers(4).batchFirst(true));
        assertEquals("LSTM(100, 20, num_layers=4, batch_first=True)", lstm.toString());
        LSTMOutput o = lstm.forward(Tensor.randn(3, 10, 100));
        assertArrayEquals(new int[] {3, 10, 20}, o.output().shape());
        assertArrayEquals(new int[] {4, 3, 20}, o.h().shape());
        assertArrayEquals(new int[] {4, 3, 20}, o.c().shape());

        RNNCell cell = new RNNCell(100, 10);
        Tensor h = Tensor.zeros(3, 10);
        for (int t = 0; t < 10; t++) h = cell.forward(x.select(0, t), h);
        assertArrayEquals(new int[] {3, 10}, h.shape());
        assertArrayEquals(new int[] {10, 100}, rnn.namedParameters().get("weight_ih_l0").shape());
    }

    @Test
    void trainingLoop() {
        Tensor.manualSeed(0);
        GRU gru = new GRU(8, 32);
        Linear head = new Linear(32, 1);
        List<Tensor> params = new ArrayList<>(gru.parameters());
        params.addAll(head.parameters());
        Adam adam = new Adam(params, 1e-3);
        MSELoss mse = new MSELoss();

        Tensor input = Tensor.randn(50, 16, 8);
        Tensor target = Tensor.randn(50, 16, 1);
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 100; step++) {
            adam.zeroGrad();
            Tensor loss = mse.forward(head.forward(gru.forward(input).output()), target);
            loss.backward();
            adam.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < first, first + " -> " + last);

        gru.eval();
        try (var off = GradMode.noGrad()) {
            Tensor prediction = head.forward(gru.forward(input).output());
            assertArrayEquals(new int[] {50, 16, 1}, prediction.shape());
            assertEquals(false, prediction.requiresGrad());
        }
    }

    @Test
    void variableLengthBatches() {
        LSTM lstm = new LSTM(8, 32, LSTM.options().batchFirst(true));
        Tensor padded = Tensor.randn(3, 5, 8);
        int[] lengths = {5, 2, 4};
        PackedSequence packed = RnnUtils.packPaddedSequence(padded, lengths, true, false);
        PackedLSTMOutput out = lstm.forward(packed);
        assertArrayEquals(new int[] {1, 3, 32}, out.h().shape());
        PaddedSequence back = RnnUtils.padPackedSequence(out.output(), true);
        assertArrayEquals(new int[] {3, 5, 32}, back.data().shape());
        assertArrayEquals(lengths, back.lengths());
        float[] o = back.data().toFloatArray(); // [B, T, H]
        float[] h = out.h().toFloatArray();     // [1, B, H]
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 5; t++) {
                for (int k = 0; k < 32; k++) {
                    float v = o[(b * 5 + t) * 32 + k];
                    if (t >= lengths[b]) assertEquals(0f, v, "padding of sequence " + b + " at step " + t);
                    if (t == lengths[b] - 1) assertEquals(h[b * 32 + k], v, "h_n of sequence " + b);
                }
            }
        }
    }
}
