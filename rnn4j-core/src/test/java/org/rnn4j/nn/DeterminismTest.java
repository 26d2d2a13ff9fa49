package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;

/**
 * The same seed gives bit-identical initial weights, outputs, losses, gradients and trained
 * weights from run to run (dropout included, sizes large enough for any multi-threaded kernel).
 */
class DeterminismTest {

    /** Everything observable from a short training run, as raw float bits. */
    private static List<float[]> train(String type, long seed) {
        return train(type, seed, false);
    }

    /** @param packed the batch as a PackedSequence of sequences of 10 to 20 steps */
    private static List<float[]> train(String type, long seed, boolean packed) {
        Tensor.manualSeed(seed);
        int in = 8;
        int hid = 64;
        Recurrent rnn = switch (type) {
            case "LSTM" -> new LSTM(in, hid, LSTM.options().numLayers(2).dropout(0.3).bidirectional(true));
            case "GRU" -> new GRU(in, hid, GRU.options().numLayers(2).dropout(0.3));
            default -> new RNN(in, hid, RNN.options().numLayers(2).dropout(0.3));
        };
        int d = type.equals("LSTM") ? 2 : 1;
        Linear head = new Linear(d * hid, 1);
        List<Tensor> params = new ArrayList<>(rnn.parameters());
        params.addAll(head.parameters());
        Adam adam = new Adam(params, 1e-2);
        MSELoss mse = new MSELoss();
        List<float[]> seen = new ArrayList<>();
        for (Tensor p : params) seen.add(p.toFloatArray());
        Tensor x = Tensor.randn(20, 16, in);
        Tensor y = Tensor.randn(20, 16, 1);
        int[] lengths = new int[16];
        for (int b = 0; b < 16; b++) lengths[b] = 10 + (b * 7) % 11;
        if (packed) y = RnnUtils.packPaddedSequence(y, lengths, false, false).data();
        for (int step = 0; step < 4; step++) {
            adam.zeroGrad();
            Tensor out = packed ? rnn.run(RnnUtils.packPaddedSequence(x, lengths, false, false)).output().data()
                    : rnn.run(x).output();
            Tensor loss = mse.forward(head.forward(out), y);
            loss.backward();
            seen.add(out.toFloatArray());
            seen.add(new float[] {loss.item()});
            for (Tensor p : params) seen.add(p.grad().toFloatArray());
            adam.step();
        }
        for (Tensor p : params) seen.add(p.toFloatArray());
        return seen;
    }

    private static void assertBitIdentical(List<float[]> a, List<float[]> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            // assertArrayEquals(float[]) compares floatToIntBits: exact, NaN-aware
            assertArrayEquals(a.get(i), b.get(i), "record " + i + " differs between runs");
        }
    }

    @Test
    void lstmTrainingIsBitIdenticalForTheSameSeed() {
        assertBitIdentical(train("LSTM", 42), train("LSTM", 42));
    }

    @Test
    void gruTrainingIsBitIdenticalForTheSameSeed() {
        assertBitIdentical(train("GRU", 42), train("GRU", 42));
    }

    @Test
    void rnnTrainingIsBitIdenticalForTheSameSeed() {
        assertBitIdentical(train("RNN", 42), train("RNN", 42));
    }

    @Test
    void packedTrainingIsBitIdenticalForTheSameSeed() {
        assertBitIdentical(train("LSTM", 42, true), train("LSTM", 42, true));
        assertBitIdentical(train("GRU", 42, true), train("GRU", 42, true));
    }

    @Test
    void aDifferentSeedGivesDifferentResults() {
        // guards the test itself: the records really depend on the seed
        List<float[]> a = train("GRU", 1);
        List<float[]> b = train("GRU", 2);
        assertFalse(Arrays.equals(a.get(0), b.get(0)));
        assertFalse(Arrays.equals(a.get(a.size() - 1), b.get(b.size() - 1)));
    }

    @Test
    void stateDictRoundTripReproducesOutputsExactly() {
        Tensor.manualSeed(9);
        LSTM a = new LSTM(3, 5, 2);
        Tensor x = Tensor.randn(4, 2, 3);
        Tensor.manualSeed(123);
        LSTM b = new LSTM(3, 5, 2);
        Map<String, Tensor> sd = a.stateDict();
        b.loadStateDict(sd);
        a.eval();
        b.eval();
        assertArrayEquals(a.forward(x).output().toFloatArray(), b.forward(x).output().toFloatArray());
    }
}
