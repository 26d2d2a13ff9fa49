package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.TextLanes;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tasks.text.TextCorpus;
import org.rnn4j.tasks.text.TextListener;
import org.rnn4j.tasks.text.TextOptions;
import org.rnn4j.tasks.text.TextTrainer;
import org.rnn4j.tasks.text.WindowGradients;
import org.rnn4j.tensor.Tensor;

/** Synchronous data-parallel text training against single-JVM training on the same windows. */
class SparkTextTrainTest {
    /**
     * 400 characters: 360 train in 8 lanes of 45, 4 windows of 10 a pass, so 20 steps make 5
     * passes (the state is reset 4 times); the cosine schedule over the 20 steps.
     */
    static final TextOptions OPTIONS = TextOptions.options().cell(CellType.LSTM).embed(8).hidden(12).layers(2).batch(8)
            .seq(10).steps(20).lr(0.01).clip(1.0).evalEvery(10).checkpointEvery(5).seed(4);

    /** {@code n} characters of pseudo-English (deterministic). */
    static TextCorpus corpus(int n) throws Exception {
        String[] words = {"the", "earth", "was", "without", "form", "and", "void", "upon", "face", "of", "deep",
            "spirit", "moved", "waters", "light", "day", "night", "said"};
        StringBuilder sb = new StringBuilder();
        long s = 777;
        while (sb.length() < n) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            sb.append(words[(int) ((s >>> 33) % words.length)]).append((s >>> 20) % 7 == 0 ? ".\n" : " ");
        }
        return TextCorpus.of("test.txt", sb.substring(0, n));
    }

    /** A run's weights before each step and its losses. */
    record Run(TextTrainer trainer, List<float[]> before, List<int[]> sizes) {}

    /** Trains {@code o} with {@code gradients} (null: this JVM's) and records the weights each step starts from. */
    static Run train(TextCorpus corpus, TextOptions o, WindowGradients gradients) throws Exception {
        List<float[]> before = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        WindowGradients inner = gradients != null ? gradients : WindowGradients.local();
        TextTrainer t = TextTrainer.start(corpus, o, (model, w, state, step) -> {
            before.add(Weights.flatten(model));
            if (sizes.isEmpty()) for (Tensor p : model.parameters()) sizes.add(p.shape());
            return inner.compute(model, w, state, step);
        });
        t.run(null, TextListener.none());
        before.add(Weights.flatten(t.model()));
        return new Run(t, before, sizes);
    }

    static Run onSpark(TextCorpus corpus, TextOptions o, SparkTraining training) throws Exception {
        try (SparkTextTrain spark = SparkTextTrain.open(SparkTestSession.context(), training, o)) {
            return train(corpus, o, spark);
        }
    }

    @Test
    void twoAndFourPartitionsFollowSingleJvmTrainingWithin1eMinus5For20Steps() throws Exception {
        TextCorpus corpus = corpus(400);
        Run single = train(corpus, OPTIONS, null);
        assertEquals(21, single.before().size());
        Run one = onSpark(corpus, OPTIONS, SparkTraining.options().partitions(1));
        for (int step = 1; step <= 20; step++) {
            assertArrayEquals(single.before().get(step), one.before().get(step), 0f, "1 partition is the single JVM");
        }
        for (int p : new int[] {2, 4}) {
            Run spark = onSpark(corpus, OPTIONS, SparkTraining.options().partitions(p));
            assertEquals(21, spark.before().size());
            for (int step = 1; step <= 20; step++) {
                SparkTrainingTest.assertClose(single.before().get(step), spark.before().get(step), single.sizes(), 1e-5,
                        p + " partitions, after step " + step);
                float a = single.trainer().history().loss(step);
                assertEquals(a, spark.trainer().history().loss(step), 1e-5 * a, p + " partitions, loss of step " + step);
            }
            assertEquals(single.trainer().history().validation().size(), spark.trainer().history().validation().size());
        }
        assertEquals(0, ExecutorModels.lent(), "every borrowed model was given back");
    }

    @Test
    void aGruOnThreeUnevenPartsFollowsTheSingleJvmAndEachExecutorBuildsTheModelOnce() throws Exception {
        TextCorpus corpus = corpus(400);
        TextOptions o = OPTIONS.cell(CellType.GRU).batch(7).steps(8).schedule(TextOptions.Schedule.ONECYCLE);
        Run single = train(corpus, o, null);
        try (SparkTextTrain spark = SparkTextTrain.open(SparkTestSession.context(), SparkTraining.options().partitions(3),
                o)) {
            Run three = train(corpus, o, spark);
            for (int step = 1; step <= 8; step++) {
                SparkTrainingTest.assertClose(single.before().get(step), three.before().get(step), single.sizes(), 1e-5,
                        "3 parts of 7 lanes, after step " + step);
            }
            ExecutorModels.Stats stats = ExecutorModels.stats(spark.modelHash());
            assertTrue(stats.loads() >= 1 && stats.loads() <= 2, "one model per task running at once in local[2], built"
                    + " once for the 8 steps: " + stats);
            assertEquals(3, spark.lastStep().parts());
        }
    }

    @Test
    void weightsInTheClosureTrainTheSameBitsAsOneBroadcastPerStep() throws Exception {
        TextCorpus corpus = corpus(400);
        TextOptions o = OPTIONS.steps(5);
        Run broadcast = onSpark(corpus, o, SparkTraining.options().partitions(3));
        Run task = onSpark(corpus, o, SparkTraining.options().partitions(3).shipping(WeightShipping.TASK));
        for (int step = 0; step < task.before().size(); step++) {
            assertArrayEquals(broadcast.before().get(step), task.before().get(step), 0f, "step " + step);
        }
    }

    @Test
    void theLanesAreSplitContiguouslyWithTheirCarriedState() throws Exception {
        TextCorpus corpus = corpus(400);
        TextLanes.Window w = new TextLanes(corpus.train(), 5, 10).next();
        float[] h = new float[2 * 5 * 3];
        for (int i = 0; i < h.length; i++) h[i] = i; // layer l, lane b, unit j: 15 l + 3 b + j
        RecurrentState s = new RecurrentState(Tensor.of(h, 2, 5, 3), null);
        List<LaneGradient.Slice> slices = SparkTextTrain.slices(w, s, 9);
        assertEquals(5, slices.size(), "at most one part per lane");
        slices = SparkTextTrain.slices(w, s, 2);
        assertEquals(0, slices.get(0).from());
        assertEquals(2, slices.get(0).lanes());
        assertEquals(2, slices.get(1).from());
        assertEquals(3, slices.get(1).lanes());
        assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11, 12, 13, 14, 21, 22, 23, 24, 25, 26, 27, 28, 29},
                slices.get(1).h());
        assertArrayEquals(java.util.Arrays.copyOfRange(w.input().toLongArray(), 20, 50), slices.get(1).input());
        assertArrayEquals(java.util.Arrays.copyOfRange(w.target().toLongArray(), 0, 20), slices.get(0).target());
        assertEquals(null, slices.get(0).c());

        LaneSum sum = LaneSum.empty();
        for (int i = slices.size() - 1; i >= 0; i--) { // the parts come back in any order
            LaneGradient.Slice x = slices.get(i);
            sum = sum.plus(LaneSum.of(new float[] {1}, 0, new LaneSum.LaneState(x.from(), x.lanes(), x.h(), null)));
        }
        assertArrayEquals(h, sum.state(2, 5, 3, false).h().toFloatArray(), 0f);
        LaneSum missing = LaneSum.of(new float[] {1}, 0, new LaneSum.LaneState(0, 2, slices.get(0).h(), null));
        assertThrows(IllegalStateException.class, () -> missing.state(2, 5, 3, false));
    }

    @Test
    void dropoutIsRefusedWithTheReason() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTextTrain.open(
                SparkTestSession.context(), SparkTraining.options(), OPTIONS.dropout(0.2)));
        assertTrue(e.getMessage().startsWith("dropout must be 0 on Spark, got 0.2: single-JVM training draws one dropout"
                + " mask over all lanes"), e.getMessage());
        try (SparkTextTrain spark = SparkTextTrain.open(SparkTestSession.context(), SparkTraining.options(), OPTIONS)) {
            Tensor.manualSeed(1);
            CharLanguageModel withDropout = CharLanguageModel.of(corpusVocabulary(), OPTIONS.dropout(0.5));
            e = assertThrows(IllegalArgumentException.class, () -> spark.compute(withDropout, null, null, 1));
            assertEquals("SparkTextTrain: dropout must be 0 on Spark, got a model with 0.5", e.getMessage());
        }
    }

    private static org.rnn4j.data.CharVocabulary corpusVocabulary() throws Exception {
        return corpus(400).vocabulary();
    }
}
