package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.nn.CellType;
import org.rnn4j.tensor.Tensor;

/**
 * A run stopped at step k and resumed from its last checkpoint ends with the same weights and the
 * same measures, bit for bit, as a run that never stopped: between checkpoints (steps recomputed)
 * and on one, with dropout drawing from the default generator, every cell and schedule, lanes that
 * wrap into new passes.
 */
class TextResumeTest {
    @TempDir
    Path tmp;

    /** 150 characters: 135 train in 4 lanes of 33, 3 windows of 10 a pass, so 12 steps make 4 passes. */
    private static TextCorpus corpus() throws TextFormatException {
        return TextCorpus.of("test", TextFixtures.text(150));
    }

    @ParameterizedTest
    @CsvSource({"LSTM, COSINE, 6", "LSTM, COSINE, 8", "GRU, ONECYCLE, 7", "RNN, CONSTANT, 11", "LSTM, ONECYCLE, 4"})
    void aResumedRunEndsBitIdentical(CellType cell, TextOptions.Schedule schedule, int stopAt) throws Exception {
        TextOptions o = TextFixtures.small(cell).schedule(schedule).dropout(0.25);
        TextCorpus corpus = corpus();
        TextTrainer whole = TextTrainer.start(corpus, o);
        whole.run(tmp.resolve("whole.safetensors"), TextListener.none());

        Path file = tmp.resolve("stopped.safetensors");
        TextTrainer.start(corpus, o).runUntil(stopAt, file, TextListener.none()); // then the process dies
        Tensor.manualSeed(99);
        Tensor.rand(7); // the next process's default generator is anywhere
        TextTrainer resumed = TextTrainer.resume(corpus, o, file);
        int last = stopAt / o.checkpointEvery() * o.checkpointEvery();
        assertEquals(last, resumed.stepsDone());
        resumed.run(file, TextListener.none());

        Map<String, Tensor> a = whole.model().stateDict();
        Map<String, Tensor> b = resumed.model().stateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(bits(a.get(k)), bits(b.get(k)), k + " after resuming at step " + last);
        }
        TrainingHistory ha = whole.history();
        TrainingHistory hb = resumed.history();
        assertEquals(o.steps(), hb.steps());
        for (int s = 1; s <= o.steps(); s++) assertEquals(ha.loss(s), hb.loss(s), 0f, "loss of step " + s);
        assertEquals(ha.validation(), hb.validation());
        assertEquals(ha.trainBpc(), hb.trainBpc(), 0.0);
        assertEquals(3, ha.validation().size()); // steps 5, 10 and the last
    }

    @Test
    void aCheckpointOfAFinishedRunResumesAsFinished() throws Exception {
        TextOptions o = TextFixtures.small(CellType.GRU);
        Path file = tmp.resolve("c.safetensors");
        TextTrainer first = TextTrainer.start(corpus(), o);
        first.run(file, TextListener.none());
        TextTrainer again = TextTrainer.resume(corpus(), o, file);
        assertEquals(o.steps(), again.stepsDone());
        again.run(file, TextListener.none());
        assertEquals(first.history().validation(), again.history().validation());
        assertEquals(o.steps(), TextCheckpoint.read(file).step());
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() throws Exception {
        TextOptions o = TextFixtures.small(CellType.LSTM);
        Path file = tmp.resolve("c.safetensors");
        TextTrainer.start(corpus(), o).runUntil(4, file, TextListener.none());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> TextTrainer.resume(corpus(), o.hidden(12).lr(0.02), file));
        assertTrue(other.getMessage().contains("hidden 16 (now 12)"), other.getMessage());
        assertTrue(other.getMessage().contains("lr 0.01 (now 0.02)"), other.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> TextTrainer.resume(TextCorpus.of("other", TextFixtures.text(151)), o, file));
        assertTrue(text.getMessage().contains("another text"), text.getMessage());
        // --checkpoint-every may change: it decides when files are written, not what is computed
        assertEquals(4, TextTrainer.resume(corpus(), o.checkpointEvery(3), file).stepsDone());
    }

    private static int[] bits(Tensor t) {
        float[] v = t.contiguous().toFloatArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
        return out;
    }
}
