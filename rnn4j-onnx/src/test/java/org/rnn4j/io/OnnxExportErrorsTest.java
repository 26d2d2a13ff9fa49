package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.MSELoss;

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
}
