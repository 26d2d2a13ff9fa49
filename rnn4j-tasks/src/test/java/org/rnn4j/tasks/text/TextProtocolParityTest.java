package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.data.CharVocabulary;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.CellType;
import org.rnn4j.tensor.Tensor;

/**
 * The whole training protocol against PyTorch (tools/make_text_fixtures.py, float64 reference
 * from the same float32 initial weights): corpus split, lanes, windows with the state carried and
 * reset when a pass ends, cross-entropy, clipping, Adam, the schedule, and the validation bpc
 * over windows with a shorter last one. Seven steps of a 2-layer model on a 90-character text.
 */
class TextProtocolParityTest {
    @ParameterizedTest
    @ValueSource(strings = {"lstm-cosine", "gru-constant", "rnn-onecycle"})
    void trainsAsPyTorch(String name) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/text/" + name + ".safetensors").toURI());
        Map<String, Tensor> f = SafeTensors.load(file);
        Map<String, String> meta = SafeTensors.metadata(file);
        long[] vocab = f.get("vocab").toLongArray();
        int[] cps = new int[vocab.length];
        for (int i = 0; i < cps.length; i++) cps[i] = (int) vocab[i];
        String text = CharVocabulary.ofCodePoints(cps).decode(f.get("text"));
        TextCorpus corpus = TextCorpus.of(name, text);
        assertArrayEquals(cps, corpus.vocabulary().codePoints());
        assertEquals(81, corpus.trainSize());

        int steps = Integer.parseInt(meta.get("steps"));
        TextOptions o = TextOptions.options()
                .cell(CellType.valueOf(meta.get("cell").toUpperCase(Locale.ROOT)))
                .embed(Integer.parseInt(meta.get("embed"))).hidden(Integer.parseInt(meta.get("hidden")))
                .layers(Integer.parseInt(meta.get("layers"))).batch(Integer.parseInt(meta.get("batch")))
                .seq(Integer.parseInt(meta.get("seq"))).steps(steps).lr(Double.parseDouble(meta.get("lr")))
                .clip(Double.parseDouble(meta.get("clip")))
                .schedule(TextOptions.Schedule.valueOf(meta.get("schedule").toUpperCase(Locale.ROOT)))
                .evalEvery(steps);
        TextTrainer trainer = TextTrainer.start(corpus, o);
        trainer.model().loadStateDict(prefixed(f, "init."));

        assertClose(f.get("val_bpc_init").item(), BitsPerCharacter.of(trainer.model(), corpus.validation(), o.seq()),
                2e-6, "initial validation bpc");
        TrainingHistory h = trainer.run(null, TextListener.none());
        float[] loss = f.get("loss").toFloatArray();
        for (int s = 1; s <= steps; s++) assertClose(loss[s - 1], h.loss(s), 2e-6, "loss of step " + s);
        Map<String, Tensor> expected = prefixed(f, "final.");
        Map<String, Tensor> actual = trainer.model().stateDict();
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            float[] e = expected.get(k).toFloatArray();
            float[] a = actual.get(k).contiguous().toFloatArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], 2e-5, k + "[" + i + "] after " + steps + " steps");
            }
        }
        assertClose(f.get("val_bpc_final").item(), h.lastValidation().bpc(), 2e-6, "final validation bpc");
    }

    private static void assertClose(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.abs(expected), what);
    }

    private static Map<String, Tensor> prefixed(Map<String, Tensor> f, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        f.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }
}
