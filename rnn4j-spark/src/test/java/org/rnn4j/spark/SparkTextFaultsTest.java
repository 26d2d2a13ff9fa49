package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.tasks.text.TextCheckpoint;
import org.rnn4j.tasks.text.TextCorpus;
import org.rnn4j.tasks.text.TextListener;
import org.rnn4j.tasks.text.TextOptions;
import org.rnn4j.tasks.text.TextTrainer;
import org.rnn4j.tasks.text.WindowGradients;

/**
 * Faults of text training on Spark: a failed task is retried with the same result; a restarted
 * driver resumes from its checkpoint, which is single-JVM text train's own.
 */
class SparkTextFaultsTest {
    @TempDir
    Path tmp;

    static final TextOptions OPTIONS = SparkTextTrainTest.OPTIONS.steps(12).checkpointEvery(4).evalEvery(5);

    static void assertSameRun(TextTrainer expected, TextTrainer actual) {
        assertEquals(expected.stepsDone(), actual.stepsDone());
        assertArrayEquals(Weights.flatten(expected.model()), Weights.flatten(actual.model()), 0f, "weights");
        for (int s = 1; s <= expected.stepsDone(); s++) {
            assertEquals(expected.history().loss(s), actual.history().loss(s), 0f, "loss of step " + s);
        }
        assertEquals(expected.history().validation(), actual.history().validation());
    }

    @Test
    void aTaskWhoseFirstAttemptFailsIsRetriedAndTheStepsResultIsUnchanged() throws Exception {
        TextCorpus corpus = SparkTextTrainTest.corpus(400);
        SparkTraining three = SparkTraining.options().partitions(3);
        SparkTextTrainTest.Run clean = SparkTextTrainTest.onSpark(corpus, OPTIONS, three);
        SparkFaultsTest.FailedTasks failed = new SparkFaultsTest.FailedTasks("injected failure: step 6, partition 2");
        SparkTestSession.context().sc().addSparkListener(failed);
        try {
            SparkTextTrainTest.Run faulty = SparkTextTrainTest.onSpark(corpus, OPTIONS,
                    three.faults(TaskFaults.failFirstAttempt(6, 2)));
            assertEquals(1, failed.await(1), "the first attempt of step 6's task 2 failed, once");
            for (int step = 0; step < clean.before().size(); step++) {
                assertArrayEquals(clean.before().get(step), faulty.before().get(step), 0f, "before step " + (step + 1));
            }
            assertSameRun(clean.trainer(), faulty.trainer());
        } finally {
            SparkTestSession.context().sc().removeSparkListener(failed);
        }
        assertEquals(0, ExecutorModels.lent(), "the failed attempt gave its model back");
    }

    /** {@code spark}, whose driver dies (throws) in step {@code at}, as a killed driver process would stop. */
    static WindowGradients dyingAt(WindowGradients spark, int at) {
        return (model, w, state, step) -> {
            if (step == at) throw new IllegalStateException("driver died at step " + at);
            return spark.compute(model, w, state, step);
        };
    }

    @Test
    void aDriverRestartedFromItsCheckpointContinuesBitForBitAndOneJvmCanContinueIt() throws Exception {
        TextCorpus corpus = SparkTextTrainTest.corpus(400);
        SparkTraining two = SparkTraining.options().partitions(2);
        TextTrainer straight;
        try (SparkTextTrain spark = SparkTextTrain.open(SparkTestSession.context(), two, OPTIONS)) {
            straight = TextTrainer.start(corpus, OPTIONS, spark);
            straight.run(tmp.resolve("straight.safetensors"), TextListener.none());
        }

        Path file = tmp.resolve("checkpoint.safetensors");
        // checkpoints after steps 4 and 8; the driver dies in step 10
        try (SparkTextTrain spark = SparkTextTrain.open(SparkTestSession.context(), two, OPTIONS)) {
            TextTrainer dying = TextTrainer.start(corpus, OPTIONS, dyingAt(spark, 10));
            IllegalStateException died = assertThrows(IllegalStateException.class,
                    () -> dying.run(file, TextListener.none()));
            assertEquals("driver died at step 10", died.getMessage());
        }
        assertEquals(8, TextCheckpoint.read(file).step());
        Path copy = tmp.resolve("copy.safetensors");
        java.nio.file.Files.copy(file, copy);

        // a new driver: a new broadcast, model, optimizer and state, all from the file
        TextTrainer resumed;
        try (SparkTextTrain spark = SparkTextTrain.open(SparkTestSession.context(), two, OPTIONS)) {
            resumed = TextTrainer.resume(corpus, OPTIONS, file, spark);
            assertEquals(8, resumed.stepsDone());
            resumed.run(file, TextListener.none());
        }
        assertSameRun(straight, resumed);
        assertEquals(12, TextCheckpoint.read(file).step());

        // the same checkpoint continued by single-JVM training: the same format, the same run up to rounding
        TextTrainer local = TextTrainer.resume(corpus, OPTIONS, copy);
        local.run(null, TextListener.none());
        SparkTrainingTest.assertClose(Weights.flatten(straight.model()), Weights.flatten(local.model()),
                straight.model().parameters().stream().map(p -> p.shape()).toList(), 1e-5, "one JVM after step 12");
        for (int s = 1; s <= 8; s++) {
            assertEquals(straight.history().loss(s), local.history().loss(s), 0f, "the history of step " + s);
        }
    }
}
