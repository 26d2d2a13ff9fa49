package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.data.CharVocabulary;
import org.rnn4j.nn.CellType;
import org.rnn4j.tensor.Tensor;

class SamplerTest {
    private static final double LN3 = Math.log(3);

    @Test
    void drawInvertsTheTemperedTruncatedDistribution() {
        double[] p = new double[3];
        float[] two = {0f, (float) LN3, Float.NEGATIVE_INFINITY}; // p = 1/4, 3/4, 0
        assertEquals(0, Sampler.draw(two, 1.0, 0, 0.2, p));
        assertEquals(1, Sampler.draw(two, 1.0, 0, 0.3, p));
        assertEquals(1, Sampler.draw(two, 1.0, 0, 0.999999, p));
        // temperature 0.5 squares the odds: 1/10, 9/10
        assertEquals(0, Sampler.draw(two, 0.5, 0, 0.09, p));
        assertEquals(1, Sampler.draw(two, 0.5, 0, 0.11, p));
        // temperature 2 takes their root: 1/(1+√3)
        assertEquals(0, Sampler.draw(two, 2.0, 0, 0.36, p));
        assertEquals(1, Sampler.draw(two, 2.0, 0, 0.37, p));
        // top-k 1 keeps the largest only, whatever u is
        float[] three = {0.5f, 2f, 1f};
        for (double u : new double[] {0, 0.3, 0.999}) assertEquals(1, Sampler.draw(three, 1.0, 1, u, p));
        // top-k 2 drops the smallest: p ∝ e^2, e^1
        double share = Math.exp(1) / (Math.exp(2) + Math.exp(1));
        assertEquals(1, Sampler.draw(three, 1.0, 2, 0.99 - share, p));
        assertEquals(2, Sampler.draw(three, 1.0, 2, 1.01 - share, p));
        // a tie with the k-th largest is kept
        float[] tie = {1f, 1f, 0f};
        assertEquals(1, Sampler.draw(tie, 1.0, 1, 0.75, p));
    }

    @Test
    void theSameSeedGivesTheSameTextAndTheOutputIsStreamed() {
        Tensor.manualSeed(3);
        CharLanguageModel m = new CharLanguageModel(CharVocabulary.of("ab c.\n"), CellType.LSTM, 4, 8, 2, 0);
        StringBuilder streamed = new StringBuilder();
        String a = Sampler.sample(m, new Sampler.Options("a b", 200, 1.0, 0, 7), streamed::appendCodePoint);
        assertEquals(200, a.codePointCount(0, a.length()));
        assertEquals(a, streamed.toString());
        assertEquals(a, Sampler.sample(m, new Sampler.Options("a b", 200, 1.0, 0, 7), cp -> { }));
        assertNotEquals(a, Sampler.sample(m, new Sampler.Options("a b", 200, 1.0, 0, 8), cp -> { }));
        assertEquals("", Sampler.sample(m, new Sampler.Options("", 0, 1.0, 0, 7), cp -> { }));
        assertEquals(5, Sampler.sample(m, new Sampler.Options("", 5, 0.7, 2, 7), cp -> { }).length());
        assertTrue(m.isTraining()); // its mode is left as it was
    }

    @Test
    void promptCharactersOutsideTheVocabularyAreListed() {
        CharLanguageModel m = new CharLanguageModel(CharVocabulary.of("abc"), CellType.GRU, 2, 3, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampler.sample(m, new Sampler.Options("abXcY\u00e9X", 3, 1.0, 0, 0), cp -> { }));
        assertTrue(e.getMessage().endsWith("3 characters are not in the vocabulary of 3: 'X' (U+0058), 'Y' (U+0059),"
                + " '\u00e9' (U+00E9)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sampler.Options("a", 3, 0.0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sampler.Options("a", 3, 1.0, -1, 0));
    }

    /** The sampler's one-step path computes what the model's forward computes, from any state. */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void theStepperAgreesWithTheModel(CellType cell) {
        Tensor.manualSeed(4);
        stepperAgrees(new CharLanguageModel(CharVocabulary.of("abcdefgh"), cell, 5, 12, 2, 0.5), cell);
    }

    /** Odd hidden and vocabulary sizes: the stepper's two halves differ in size. */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void theStepperAgreesWithTheModelForOddSizes(CellType cell) {
        Tensor.manualSeed(5);
        stepperAgrees(new CharLanguageModel(CharVocabulary.of("abcdefghi"), cell, 3, 7, 3, 0), cell);
    }

    /** Without the first layer's table the stepper multiplies the embedding row: the same numbers. */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void theStepperAgreesWithTheModelWithoutTheTable(CellType cell) {
        Tensor.manualSeed(6);
        CharLanguageModel m = new CharLanguageModel(CharVocabulary.of("abcdefgh"), cell, 5, 12, 2, 0);
        stepperAgrees(m, cell, 0, () -> true);
        stepperAgrees(m, cell, 0, () -> false);
    }

    /**
     * The plain kernels (one thread, before the vector ones are compiled) and the vector kernels
     * (two threads) give the same bits, so when the switch happens cannot change a sampled text.
     */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void thePlainAndVectorStepsGiveTheSameBits(CellType cell) {
        Tensor.manualSeed(7);
        CharLanguageModel m = new CharLanguageModel(CharVocabulary.of("abcdefghijklmnopqrstuvwxyz .,"), cell, 16, 70, 2, 0);
        m.eval();
        long[] chars = {4, 0, 7, 7, 2, 5, 6, 1, 3, 0, 28, 27, 12, 19, 22};
        for (long limit : new long[] {CharStepper.TABLE_LIMIT, 0}) {
            boolean[] vector = {false};
            try (CharStepper plain = new CharStepper(m, null, limit, () -> false);
                 CharStepper mixed = new CharStepper(m, null, limit, () -> vector[0]);
                 CharStepper vectorTable = new CharStepper(m, null, limit, () -> true)) { // its table by the vector kernel
                for (int t = 0; t < chars.length; t++) {
                    vector[0] = t % 3 != 0; // switching back and forth, as the sampler never does
                    float[] a = plain.step((int) chars[t]).clone();
                    float[] b = mixed.step((int) chars[t]);
                    float[] c = vectorTable.step((int) chars[t]);
                    for (int v = 0; v < a.length; v++) {
                        assertEquals(Float.floatToRawIntBits(a[v]), Float.floatToRawIntBits(b[v]),
                                cell + " table limit " + limit + " step " + t + " logit " + v);
                        assertEquals(Float.floatToRawIntBits(a[v]), Float.floatToRawIntBits(c[v]),
                                cell + " table limit " + limit + " step " + t + " logit " + v + ", all vector");
                    }
                }
            }
        }
    }

    private static void stepperAgrees(CharLanguageModel m, CellType cell) {
        stepperAgrees(m, cell, CharStepper.TABLE_LIMIT, () -> true);
        stepperAgrees(m, cell, CharStepper.TABLE_LIMIT, () -> false);
    }

    private static void stepperAgrees(CharLanguageModel m, CellType cell, long tableLimit,
                                      java.util.function.BooleanSupplier vector) {
        int vocab = m.vocabulary().size();
        m.eval();
        long[] warm = {1, 2, 3};
        long[] next = {4, 0, 7, 7, 2, 5, 6, 1, 3, 0};
        try (var off = GradMode.noGrad()) {
            CharLanguageModel.Output w = m.forward(Tensor.ofLongs(warm, 1, 3), null);
            float[] all = m.forward(Tensor.ofLongs(next, 1, next.length), w.state()).logits().toFloatArray();
            try (CharStepper s = new CharStepper(m, w.state(), tableLimit, vector)) {
                for (int t = 0; t < next.length; t++) {
                    float[] z = s.step((int) next[t]);
                    assertEquals(vocab, z.length);
                    for (int v = 0; v < vocab; v++) {
                        assertEquals(all[t * vocab + v], z[v], 2e-6f, cell + " step " + t + " logit " + v);
                    }
                }
            }
        }
    }
}
