package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.data.TextLanes;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.CrossEntropyLoss;
import org.rnn4j.tensor.Tensor;

class TextTrainerTest {
    /**
     * Without updates in between, the second window's loss is that of the second half of the
     * lanes read as one window of 2T (the state was carried), and the first window of the next
     * pass repeats the first window's loss exactly (the state was reset).
     */
    @Test
    void theStateIsCarriedBetweenWindowsAndResetWhenAPassEnds() throws Exception {
        TextOptions o = TextFixtures.small(CellType.LSTM).batch(3).seq(6);
        TextCorpus corpus = TextCorpus.of("t", TextFixtures.text(48)); // 43 train: 3 lanes of 14, 2 windows of 6
        TextTrainer t = TextTrainer.start(corpus, o);
        TextLanes lanes = new TextLanes(corpus.train(), 3, 6);
        assertEquals(2, lanes.windowsPerPass());
        TextLanes.Window w1 = lanes.next();
        TextLanes.Window w2 = lanes.next();
        TextLanes.Window w3 = lanes.next();
        float l1 = t.backward(w1);
        float l2 = t.backward(w2);
        float l3 = t.backward(w3);
        assertEquals(l1, l3, 0f);
        assertTrue(w3.startsPass());

        long[] whole = new long[3 * 12];
        long[] target = new long[3 * 6];
        long[] in1 = w1.input().toLongArray();
        long[] in2 = w2.input().toLongArray();
        long[] t2 = w2.target().toLongArray();
        for (int b = 0; b < 3; b++) {
            System.arraycopy(in1, b * 6, whole, b * 12, 6);
            System.arraycopy(in2, b * 6, whole, b * 12 + 6, 6);
            System.arraycopy(t2, b * 6, target, b * 6, 6);
        }
        try (var off = GradMode.noGrad()) {
            Tensor logits = t.model().forward(Tensor.ofLongs(whole, 3, 12), null).logits().narrow(1, 6, 6).contiguous();
            float expected = new CrossEntropyLoss().forward(logits.reshape(18, corpus.vocabulary().size()),
                    Tensor.ofLongs(target, 18)).item();
            assertEquals(expected, l2, 1e-6f);
        }
    }

    @Test
    void runReportsEachStepValidationAndCheckpoint() throws Exception {
        TextOptions o = TextFixtures.small(CellType.GRU).steps(7).evalEvery(3).checkpointEvery(5);
        TextTrainer t = TextTrainer.start(TextCorpus.of("t", TextFixtures.text(150)), o);
        List<String> events = new ArrayList<>();
        t.run(null, new TextListener() {
            @Override
            public void onStep(StepReport r) {
                events.add("step " + r.step());
                assertEquals(7, r.steps());
                assertTrue(r.charsPerSecond() > 0 && r.lr() > 0 && r.millis() > 0, r.toString());
            }

            @Override
            public void onValidation(int step, double bpc) {
                events.add("val " + step);
            }
        });
        assertEquals(List.of("step 1", "step 2", "step 3", "val 3", "step 4", "step 5", "step 6", "val 6", "step 7",
                "val 7"), events);
        assertEquals(7, t.history().steps());
        assertEquals(7, t.stepsDone());
    }

    @Test
    void aTextTooShortForTheLanesIsRefusedNamingBatchAndSeq() throws Exception {
        TextCorpus c = TextCorpus.of("short.txt", TextFixtures.text(100)); // 90 train
        TextFormatException e = assertThrows(TextFormatException.class,
                () -> TextTrainer.start(c, TextOptions.options().batch(10).seq(9)));
        assertEquals("short.txt: the training part (the first 90%) has 90 characters, too few for 10 lanes of one"
                + " window of 9 characters: --batch 10 and --seq 9 need at least 10 * (9 + 1) = 100", e.getMessage());
        TextTrainer.start(c, TextOptions.options().batch(10).seq(8)); // exactly one window a lane fits
    }

    @Test
    void theLearningRateFollowsTheSchedule() throws Exception {
        TextOptions o = TextFixtures.small(CellType.RNN).steps(4).lr(0.1);
        List<Double> cosine = lrs(o);
        assertEquals(0.1, cosine.get(0), 0);
        assertEquals(0.05 * (1 + Math.cos(Math.PI / 4)), cosine.get(1), 1e-12);
        assertEquals(0.05, cosine.get(2), 1e-12);
        assertEquals(List.of(0.1, 0.1, 0.1, 0.1), lrs(o.schedule(TextOptions.Schedule.CONSTANT)));
    }

    private static List<Double> lrs(TextOptions o) throws Exception {
        TextTrainer t = TextTrainer.start(TextCorpus.of("t", TextFixtures.text(150)), o);
        List<Double> out = new ArrayList<>();
        t.run(null, new TextListener() {
            @Override
            public void onStep(StepReport r) {
                out.add(r.lr());
            }
        });
        return out;
    }
}
