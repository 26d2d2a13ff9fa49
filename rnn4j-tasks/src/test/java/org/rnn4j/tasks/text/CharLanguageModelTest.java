package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.data.CharVocabulary;
import org.rnn4j.io.Models;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Module;
import org.rnn4j.tensor.Tensor;

class CharLanguageModelTest {
    @TempDir
    Path tmp;

    private static final CharVocabulary VOCAB = CharVocabulary.of("abc \n\u00e9\ud83d\ude00");

    @Test
    void parametersHavePyTorchNamesAndTheLogitsTheVocabulary() {
        Tensor.manualSeed(1);
        CharLanguageModel m = new CharLanguageModel(VOCAB, CellType.LSTM, 5, 7, 2, 0.1);
        assertEquals(List.of("embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                "rnn.bias_hh_l0", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
                "head.weight", "head.bias"), List.copyOf(m.namedParameters().keySet()));
        CharLanguageModel.Output o = m.forward(Tensor.ofLongs(new long[] {0, 1, 2, 3, 4, 5}, 2, 3), null);
        assertArrayEquals(new int[] {2, 3, 7}, o.logits().shape());
        assertArrayEquals(new int[] {2, 2, 7}, o.state().h().shape());
        assertArrayEquals(new int[] {2, 2, 7}, o.state().c().shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.zeros(2, 3), null));
        assertTrue(e.getMessage().contains("expected INT64 indices [B, T], got FLOAT32 [2, 3]"), e.getMessage());
    }

    /** Models.load finds the codec through the service declaration and rebuilds the model alone. */
    @ParameterizedTest
    @EnumSource(CellType.class)
    void aModelFileRebuildsTheModelWithItsVocabulary(CellType cell) throws Exception {
        Tensor.manualSeed(2);
        CharLanguageModel m = new CharLanguageModel(VOCAB, cell, 4, 6, 2, 0.3);
        Path f = tmp.resolve(cell + ".safetensors");
        Models.save(f, m);
        Module loaded = Models.load(f);
        CharLanguageModel again = (CharLanguageModel) loaded;
        assertEquals(VOCAB, again.vocabulary());
        assertEquals(m.toString(), again.toString());
        assertEquals(0.3, again.dropout());
        m.eval();
        Tensor x = Tensor.ofLongs(new long[] {6, 5, 4, 3, 2, 1, 0, 6}, 2, 4);
        try (var off = GradMode.noGrad()) {
            assertArrayEquals(m.forward(x, null).logits().toFloatArray(), again.forward(x, null).logits().toFloatArray());
        }
    }
}
