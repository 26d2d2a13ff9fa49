package org.rnn4j.usage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.*;
import org.rnn4j.nn.*;
import org.rnn4j.tensor.*;

/**
 * User code with wildcard imports of the API packages compiles: no name of org.rnn4j.nn,
 * org.rnn4j.data or org.rnn4j.tensor clashes with java.lang (this file names each new class
 * unqualified). {@code Module} is the known exception (java.lang.Module), not used here.
 */
class WildcardImportTest {
    @Test
    void aCharacterModelReadsLikePyTorch() {
        Tensor.manualSeed(0);
        CharVocabulary vocab = CharVocabulary.of("hello world");
        TextLanes lanes = new TextLanes(vocab.encodeToArray("hello world hello world"), 2, 4);
        Sequential model = new Sequential(new Embedding(vocab.size(), 5), new LayerNorm(5), new Dropout(0.1),
                new Linear(5, 8), new Tanh(), new Linear(8, vocab.size()), new ReLU(), new Sigmoid());
        TextLanes.Window w = lanes.next();
        Tensor y = model.forward(w.input());
        assertArrayEquals(new int[] {2, 4, vocab.size()}, y.shape());
        UnaryModule head = new Linear(vocab.size(), 1);
        assertArrayEquals(new int[] {2, 4, 1}, head.forward(y).shape());
        DataLoader<Tensor, PaddedBatch> loader = new DataLoader<>(Dataset.of(List.of(vocab.encode("he"),
                vocab.encode("world"))), DataLoader.options().batchSize(2), Collate.padSequences(0));
        assertEquals(DType.INT64, loader.nextBatch().padded().dtype());
        assertEquals(new Generator(1).nextInt(10), new Generator(1).nextInt(10));
    }
}
