package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.CharVocabulary;
import org.rnn4j.nn.CellType;
import org.rnn4j.tensor.Tensor;

/** The values a text run stores (options, history) and the bits-per-character measure. */
class TextValuesTest {
    @Test
    void optionsRoundTripAndTheirDifferencesAreNamed() {
        TextOptions o = TextOptions.options().cell(CellType.GRU).lr(0.1 + 0.2).dropout(0.3).seed(-5)
                .schedule(TextOptions.Schedule.ONECYCLE).clip(0).evalEvery(7);
        TextOptions back = TextOptionsJson.read(TextOptionsJson.write(o).toString());
        assertEquals(o, back);
        assertEquals(0.1 + 0.2, back.lr(), 0.0);
        assertEquals(Map.of(), TextOptionsJson.differences(o, o.checkpointEvery(3)));
        Map<String, String[]> d = TextOptionsJson.differences(o, o.hidden(8).seq(3));
        assertEquals(List.of("hidden", "seq"), List.copyOf(d.keySet()));
        assertArrayEquals(new String[] {"256", "8"}, d.get("hidden"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextOptionsJson.read("{\"cell\": \"lstm\"}"));
        assertEquals("the options lack 'embed'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextOptions.options().dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> TextOptions.options().seq(0));
    }

    @Test
    void historyRoundTripsExactly() {
        TrainingHistory h = new TrainingHistory();
        for (int i = 1; i <= 150; i++) h.addStep(1f / i + 0.1f, i * 0.37);
        h.addValidation(100, Math.PI);
        h.addValidation(150, 1.0 / 3);
        TrainingHistory back = TrainingHistory.fromJson(h.toJson());
        assertEquals(150, back.steps());
        for (int i = 1; i <= 150; i++) assertEquals(h.loss(i), back.loss(i), 0f);
        assertEquals(h.validation(), back.validation());
        assertEquals(h.trainBpc(), back.trainBpc(), 0.0);
        assertEquals(h.medianStepMillis(), back.medianStepMillis(), 0.0);
        double mean = 0;
        for (int i = 51; i <= 150; i++) mean += h.loss(i);
        assertEquals(mean / 100 / Math.log(2), h.trainBpc(), 1e-12);
        assertEquals(75.5 * 0.37, h.medianStepMillis(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> TrainingHistory.fromJson("{\"loss\": [\"1.0\"]}"));
    }

    @Test
    void bitsPerCharacterReadsTheWholeStreamInWindowsWithTheStateCarried() {
        Tensor.manualSeed(5);
        CharLanguageModel m = new CharLanguageModel(CharVocabulary.of("abcdef"), CellType.LSTM, 4, 9, 2, 0.5);
        long[] tokens = new long[23];
        for (int i = 0; i < tokens.length; i++) tokens[i] = (i * 7 + i / 3) % 6;
        double oneWindow = BitsPerCharacter.of(m, tokens, 100);
        for (int seq : new int[] {1, 5, 7, 22}) { // 22 = 3 windows of 7 and one of 1, ...
            assertEquals(oneWindow, BitsPerCharacter.of(m, tokens, seq), 1e-6 * oneWindow, "seq " + seq);
        }
        assertTrue(m.isTraining());
        // uniform logits: log2(V) bits per character
        m.namedParameters().get("head.weight").fill(0f);
        m.namedParameters().get("head.bias").fill(0f);
        assertEquals(Math.log(6) / Math.log(2), BitsPerCharacter.of(m, tokens, 5), 1e-6);
    }
}
