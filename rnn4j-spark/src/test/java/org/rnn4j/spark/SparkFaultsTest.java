package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.tasks.forecast.BatchGradients;
import org.rnn4j.tasks.forecast.ForecastOptions;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.TrainerCheckpointFile;
import org.rnn4j.tasks.forecast.TrainingEngine;
import org.rnn4j.tasks.forecast.TrainingListener;
import org.rnn4j.tensor.Tensor;

/** Faults: a failed task is retried with the same result; a restarted driver resumes from its checkpoint. */
class SparkFaultsTest {
    @TempDir
    Path tmp;

    static final ForecastOptions OPTIONS = SparkTrainingTest.OPTIONS.epochs(2).maxBatchesPerEpoch(6);

    /** Counts failed task attempts whose failure message contains {@code marker}. */
    static final class FailedTasks extends SparkListener {
        final AtomicInteger count = new AtomicInteger();
        private final String marker;

        FailedTasks(String marker) {
            this.marker = marker;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof TaskFailedReason r && r.toErrorString().contains(marker)) count.incrementAndGet();
        }

        /** The count once the listener bus (asynchronous) has delivered at least {@code least}, or after 10 s. */
        int await(int least) throws InterruptedException {
            for (int i = 0; i < 200 && count.get() < least; i++) Thread.sleep(50);
            return count.get();
        }
    }

    static void assertSameWeights(ForecastTask.Trained a, ForecastTask.Trained b) {
        Map<String, Tensor> x = a.model().net().stateDict();
        Map<String, Tensor> y = b.model().net().stateDict();
        for (String k : x.keySet()) assertArrayEquals(x.get(k).toFloatArray(), y.get(k).toFloatArray(), 0f, k);
    }

    @Test
    void aTaskWhoseFirstAttemptFailsIsRetriedAndTheStepsResultIsUnchanged() throws Exception {
        Series s = TestModels.series(420, 7, true);
        SparkTraining three = SparkTraining.options().partitions(3);
        SparkTrainingTest.Run clean = SparkTrainingTest.train(s, OPTIONS, SparkGradients.on(SparkTestSession.context(), three));
        FailedTasks failed = new FailedTasks("injected failure: step 4, partition 1");
        SparkTestSession.context().sc().addSparkListener(failed);
        try {
            SparkTrainingTest.Run faulty = SparkTrainingTest.train(s, OPTIONS, SparkGradients.on(SparkTestSession.context(),
                    three.faults(TaskFaults.failFirstAttempt(4, 1))));
            assertEquals(1, failed.await(1), "the first attempt of step 4's task 1 failed, once");
            assertEquals(clean.before().size(), faulty.before().size());
            for (int step = 0; step < clean.before().size(); step++) {
                assertArrayEquals(clean.before().get(step), faulty.before().get(step), 0f, "before step " + (step + 1));
            }
            assertSameWeights(clean.trained(), faulty.trained());
            assertEquals(clean.trained().training(), faulty.trained().training());
        } finally {
            SparkTestSession.context().sc().removeSparkListener(failed);
        }
        assertEquals(0, ExecutorModels.lent(), "the failed attempt gave its model back");
    }

    /** Spark gradients whose driver dies (throws) at step {@code at}, as a killed driver process would stop. */
    static TrainingEngine.Gradients dyingAt(TrainingEngine.Gradients spark, int at) {
        return (model, series) -> {
            BatchGradients inner = spark.open(model, series);
            int[] steps = {0};
            return new BatchGradients() {
                @Override
                public double compute(org.rnn4j.tasks.forecast.ForecastNet net, int[] origins) {
                    if (++steps[0] == at) throw new IllegalStateException("driver died at step " + at);
                    return inner.compute(net, origins);
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        };
    }

    @Test
    void aDriverRestartedFromItsCheckpointEndsWithTheSameWeightsBitForBit() throws Exception {
        Series s = TestModels.series(420, 8, true);
        TrainingEngine.Gradients spark = SparkGradients.on(SparkTestSession.context(), SparkTraining.options().partitions(2));
        ForecastTask.Trained straight = ForecastTask.train(s, OPTIONS, TrainingListener.none(),
                TrainingEngine.local().gradients(spark));

        TrainerCheckpointFile file = new TrainerCheckpointFile(tmp.resolve("checkpoint.safetensors"));
        // 12 steps in 2 epochs of 6; checkpoints after steps 4 and 8; the driver dies in step 10
        IllegalStateException died = assertThrows(IllegalStateException.class, () -> ForecastTask.train(s, OPTIONS,
                TrainingListener.none(), TrainingEngine.local().gradients(dyingAt(spark, 10)).checkpoint(file, 4, false)));
        assertEquals("driver died at step 10", died.getMessage());
        assertEquals(8, file.load().orElseThrow().position().step());

        // a new driver: new broadcasts, new net and optimizer, the state from the file
        ForecastTask.Trained resumed = ForecastTask.train(s, OPTIONS, TrainingListener.none(),
                TrainingEngine.local().gradients(SparkGradients.on(SparkTestSession.context(),
                        SparkTraining.options().partitions(2))).checkpoint(file, 4, true));
        assertEquals(straight.training(), resumed.training());
        assertSameWeights(straight, resumed);
        assertTrue(file.load().orElseThrow().position().step() >= 12, "the resumed run checkpointed on");
    }
}
