package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tensor.Tensor;

/** The seams a distributed driver uses: the loss share of part of a batch, and many sequences' last windows. */
class BatchSeamsTest {
    @Test
    void lossSharesAndTheirGradientsAddUpToTheBatchs() throws Exception {
        Series s = ForecastTaskTest.monthly();
        ForecastOptions o = ForecastOptions.options().hidden(5);
        ForecastPlan plan = ForecastTask.plan(s, o);
        WindowScaler scaler = WindowScaler.fit(s, plan);
        Tensor.manualSeed(2);
        ForecastNet net = new ForecastNet(RecurrentConfig.of(CellType.LSTM, 1, 5), plan.lookback(), plan.horizon());
        int[] origins = {40, 41, 57, 90, 120, 45, 70};
        WindowBatch all = WindowBatch.of(s, scaler, plan.lookback(), plan.horizon(), plan.season(), origins);
        Tensor whole = ForecastTrainer.loss(net, all, origins.length);
        // the batch's mean L1 loss, written the obvious way
        double mean = net.forward(all.input(), all.base()).sub(all.target()).abs().mean().item();
        assertEquals(mean, whole.item(), 1e-6 * mean);
        whole.backward();
        List<float[]> expected = grads(net);
        net.zeroGrad();
        double sum = 0;
        for (int[] part : new int[][] {Arrays.copyOfRange(origins, 0, 3), Arrays.copyOfRange(origins, 3, 7)}) {
            WindowBatch w = WindowBatch.of(s, scaler, plan.lookback(), plan.horizon(), plan.season(), part);
            Tensor share = ForecastTrainer.loss(net, w, origins.length);
            share.backward(); // gradients accumulate over the shares
            sum += share.item();
        }
        assertEquals(whole.item(), sum, 1e-6 * sum);
        List<float[]> got = grads(net);
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i);
            float scale = 0;
            for (float v : e) scale = Math.max(scale, Math.abs(v));
            assertArrayEquals(e, got.get(i), 1e-5f * scale, "parameter " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> ForecastTrainer.loss(net, all, 3));
    }

    private static List<float[]> grads(ForecastNet net) {
        List<float[]> g = new ArrayList<>();
        for (Tensor p : net.parameters()) g.add(p.grad().toFloatArray());
        return g;
    }

    @Test
    void predictLastEqualsPredictAtEachSequencesLastOriginBitForBit() throws Exception {
        Series s = ForecastTaskTest.monthly();
        ForecastTask.Trained t = ForecastTask.train(s, ForecastTaskTest.SMALL.epochs(1), TrainingListener.none());
        ForecastModel m = t.model();
        List<double[]> targets = new ArrayList<>();
        List<double[][]> features = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (int end = m.lookback(); end <= s.length(); end += 7) {
            double[] y = Arrays.copyOfRange(s.target(), end - m.lookback() - (end % 3), end);
            if (y.length < m.lookback()) y = Arrays.copyOfRange(s.target(), 0, end);
            targets.add(y);
            features.add(new double[0][]);
            Series alone = new Series("x", null, "y", List.of(), TimeAxis.rows(), y, new double[0][],
                    new boolean[y.length], 0, 0);
            expected.add(m.predict(alone, new int[] {y.length - 1})[0]);
        }
        double[][] got = m.predictLast(targets, features);
        assertEquals(expected.size(), got.length);
        for (int i = 0; i < got.length; i++) assertArrayEquals(expected.get(i), got[i], 0, "sequence " + i);

        List<double[]> shortOne = List.of(new double[m.lookback() - 1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.predictLast(shortOne, List.<double[][]>of(new double[0][])));
        assertEquals("sequence 0 has " + (m.lookback() - 1) + " points, fewer than the lookback of " + m.lookback(),
                e.getMessage());
        assertEquals(0, m.predictLast(List.of(), List.of()).length);
    }
}
