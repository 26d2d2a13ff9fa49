package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.nn.CellType;
import org.rnn4j.tasks.forecast.BatchGradients;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.forecast.ForecastOptions;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.ForecastTrainer;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.TrainingEngine;
import org.rnn4j.tasks.forecast.TrainingListener;
import org.rnn4j.tensor.Tensor;

/** Synchronous data-parallel training against single-JVM training on the same global batches. */
class SparkTrainingTest {
    /** 3 epochs of 7 batches of 32: 21 steps, validation and the cosine schedule between epochs. */
    static final ForecastOptions OPTIONS = ForecastOptions.options().cell(CellType.LSTM).hidden(8).epochs(3)
            .maxBatchesPerEpoch(7).season(12).horizon(6).lookback(24).seed(9);

    /** The run's weights before each step (the weights after step k are the ones before step k+1). */
    record Run(ForecastTask.Trained trained, List<float[]> before, List<int[]> sizes) {}

    /** Trains with {@code gradients} (null: this JVM's) and records the weights each step starts from. */
    static Run train(Series s, ForecastOptions o, TrainingEngine.Gradients gradients) {
        List<float[]> before = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        TrainingEngine.Gradients recording = (model, series) -> {
            BatchGradients inner = gradients != null ? gradients.open(model, series) : null;
            BatchGradients local = inner != null ? inner // else what ForecastTask.train uses in one JVM
                    : new ForecastTrainer(series, ForecastTask.plan(series, o), model.scaler(), o).localGradients();
            return new BatchGradients() {
                @Override
                public double compute(ForecastNet net, int[] origins) {
                    before.add(Weights.flatten(net));
                    if (sizes.isEmpty()) for (Tensor p : net.parameters()) sizes.add(p.shape());
                    return local.compute(net, origins);
                }

                @Override
                public void close() {
                    if (inner != null) inner.close();
                }
            };
        };
        ForecastTask.Trained t = ForecastTask.train(s, o, TrainingListener.none(),
                TrainingEngine.local().gradients(recording));
        return new Run(t, before, sizes);
    }

    /** max |a − b| ≤ tol · max |b| for every parameter tensor of the flat vectors. */
    static void assertClose(float[] expected, float[] actual, List<int[]> sizes, double tol, String what) {
        assertEquals(expected.length, actual.length);
        int at = 0;
        for (int[] shape : sizes) {
            int n = 1;
            for (int d : shape) n *= d;
            double scale = 0;
            double diff = 0;
            for (int i = at; i < at + n; i++) {
                scale = Math.max(scale, Math.abs(expected[i]));
                diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
            }
            assertTrue(diff <= tol * scale, what + ", parameter at " + at + ": max difference " + diff + " against max "
                    + scale);
            at += n;
        }
    }

    @Test
    void twoAndFourPartitionsFollowSingleJvmTrainingWithin1eMinus5For20Steps() {
        Series s = TestModels.series(420, 5, true);
        Run single = train(s, OPTIONS, null);
        assertEquals(21, single.before().size());
        Run one = train(s, OPTIONS, SparkGradients.on(SparkTestSession.context(), SparkTraining.options().partitions(1)));
        for (int step = 1; step <= 20; step++) {
            assertArrayEquals(single.before().get(step), one.before().get(step), 0f, "1 partition is the single JVM");
        }
        for (int p : new int[] {2, 4}) {
            Run spark = train(s, OPTIONS, SparkGradients.on(SparkTestSession.context(), SparkTraining.options().partitions(p)));
            assertEquals(21, spark.before().size());
            for (int step = 1; step <= 20; step++) {
                assertClose(single.before().get(step), spark.before().get(step), single.sizes(), 1e-5,
                        p + " partitions, after step " + step);
            }
            List<Double> a = single.trained().training().trainLoss();
            List<Double> b = spark.trained().training().trainLoss();
            for (int e = 0; e < a.size(); e++) assertEquals(a.get(e), b.get(e), 1e-5 * a.get(e), "epoch " + (e + 1));
        }
        assertEquals(0, ExecutorModels.lent(), "every borrowed model was given back");
    }

    @Test
    void weightsInTheClosureTrainTheSameBitsAsOneBroadcastPerStep() {
        Series s = TestModels.series(420, 6, false);
        ForecastOptions o = OPTIONS.epochs(1).maxBatchesPerEpoch(5);
        Run broadcast = train(s, o, SparkGradients.on(SparkTestSession.context(), SparkTraining.options().partitions(3)));
        Run task = train(s, o, SparkGradients.on(SparkTestSession.context(),
                SparkTraining.options().partitions(3).shipping(WeightShipping.TASK)));
        for (int step = 0; step < task.before().size(); step++) {
            assertArrayEquals(task.before().get(step), broadcast.before().get(step), 0f, "step " + step);
        }
    }
}
