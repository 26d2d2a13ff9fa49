package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.ReLU;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Tanh;
import org.rnn4j.nn.UnaryModule;
import org.rnn4j.tensor.Tensor;

/** What ONNX cannot express is a clear error naming the option, and no file is written. */
class OnnxExportErrorsTest {
    @TempDir
    Path dir;

    @Test
    void projSizeIsRefusedByName() {
        LSTM lstm = new LSTM(3, 8, LSTM.options().projSize(4));
        Path file = dir.resolve("p.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Onnx.export(lstm, file));
        assertTrue(e.getMessage().contains("proj_size=4"), e.getMessage());
        assertTrue(!Files.exists(file));
    }

    @Test
    void unsupportedModuleIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Onnx.export(new org.rnn4j.nn.ElmanNetwork(2, 3, 1, org.rnn4j.nn.ElmanNetwork.options()), dir.resolve("e.onnx")));
        assertTrue(e.getMessage().contains("ElmanNetwork"), e.getMessage());
    }

    @Test
    void opsetOutsideFourteenToTwentyOneIsRefused() {
        for (int bad : new int[] {13, 22}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Onnx.options().opset(bad));
            assertTrue(e.getMessage().contains("opset") && e.getMessage().contains(Integer.toString(bad)), e.getMessage());
        }
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Onnx.export(null, dir.resolve("n.onnx")));
        assertThrows(IllegalArgumentException.class, () -> Onnx.export(new LSTM(2, 2), null));
        assertThrows(IllegalArgumentException.class, () -> Onnx.export(new MSELoss(), dir.resolve("m.onnx")));
    }

    /** A one-tensor module that ONNX export does not know. */
    static final class Custom extends org.rnn4j.nn.Module implements UnaryModule {
        @Override
        public Tensor forward(Tensor input) {
            return input;
        }
    }

    private void refused(org.rnn4j.nn.Module m, String... fragments) {
        Path file = dir.resolve("refused.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Onnx.export(m, file));
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        assertTrue(!Files.exists(file));
    }

    @Test
    void sequentialChildrenThatDoNotFitAreNamedWithTheSizes() {
        refused(new Sequential(new Linear(3, 4), new Tanh(), new Linear(5, 2)), "module 2 (Linear)", "expects 5", "module 1 (Tanh) gives 4");
        refused(new Sequential(new Linear(3, 4), new Sequential(new ReLU(), new LayerNorm(6))), "module 1.1 (LayerNorm)",
                "expects 6", "gives 4");
    }

    @Test
    void anEmbeddingAfterAFloatModuleIsRefused() {
        refused(new Sequential(new Linear(3, 4), new Embedding(10, 4)), "module 1 (Embedding) reads INT64 indices",
                "module 0 (Linear) gives FLOAT [*, 4]");
        refused(new Sequential(new Dropout(0.1), new Embedding(10, 4)), "module 1 (Embedding) reads INT64 indices",
                "module 0 (Dropout)");
        refused(new Sequential(new Embedding(10, 4), new Embedding(10, 4)), "module 1 (Embedding) reads INT64 indices");
    }

    @Test
    void aModuleWithoutExporterIsNamedWithItsPlaceInTheSequential() {
        refused(new Custom(), "does not support Custom modules");
        refused(new Sequential(new Tanh(), new Sequential(new Linear(2, 2), new Custom())), "Sequential module 1.1",
                "does not support Custom modules");
    }
}
