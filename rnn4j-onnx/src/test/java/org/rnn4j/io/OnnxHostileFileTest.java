package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.nn.LSTM;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.ModelEncoder;
import org.rnn4j.onnx.proto.OnnxGraph;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;
import org.rnn4j.onnx.proto.OnnxValueInfo;

/**
 * Malformed and hostile .onnx files are refused with an IOException (a broken file) or an
 * IllegalArgumentException (a well-formed graph rnn4j cannot import) whose message says what is
 * wrong; never another exception, a hang, or an allocation the file's bytes do not justify.
 */
class OnnxHostileFileTest {
    @TempDir
    Path dir;

    private byte[] exported() throws IOException {
        Path f = dir.resolve("good.onnx");
        Onnx.export(new LSTM(3, 4, LSTM.options().numLayers(2).bidirectional(true)), f);
        return Files.readAllBytes(f);
    }

    private Path write(byte[] bytes) throws IOException {
        Path f = dir.resolve("bad.onnx");
        Files.write(f, bytes);
        return f;
    }

    private Path write(OnnxGraph g) throws IOException {
        return write(ModelEncoder.encode(new OnnxModel(8, List.of(new OnnxModel.OpsetId("", 17)), "test", "", g)));
    }

    private static OnnxValueInfo value(String name, long... dims) {
        List<OnnxValueInfo.Dim> d = new ArrayList<>();
        for (long x : dims) d.add(x < 0 ? OnnxValueInfo.Dim.of("n") : OnnxValueInfo.Dim.of(x));
        return new OnnxValueInfo(name, DataType.FLOAT, d);
    }

    @Test
    void everyTruncationIsAnIOException() throws IOException {
        byte[] good = exported();
        for (int len = 0; len < good.length; len += 1 + len / 40) {
            byte[] cut = java.util.Arrays.copyOf(good, len);
            Path f = write(cut);
            Exception e = assertThrows(Exception.class, () -> Onnx.load(f), "cut at " + len);
            assertTrue(e instanceof IOException || e instanceof IllegalArgumentException, "cut at " + len + ": " + e);
        }
    }

    @Test
    void tensorDataShorterThanItsDimsIsRefused() throws IOException {
        OnnxTensor lying = new OnnxTensor("W", DataType.FLOAT, new long[] {4, 3}, new byte[4 * 11]);
        Path f = write(new OnnxGraph("g", List.of(new OnnxNode("mm", "MatMul", "", List.of("input", "W"), List.of("output"), List.of())),
                List.of(lying), List.of(value("input", -1, 4)), List.of(value("output", -1, 3)), List.of()));
        IOException e = assertThrows(IOException.class, () -> Onnx.load(f));
        assertTrue(e.getMessage().contains("'W'") && e.getMessage().contains("48 bytes") && e.getMessage().contains("44"), e.getMessage());
    }

    @Test
    void unknownOpIsNamedWithItsNode() throws IOException {
        Path f = write(new OnnxGraph("g", List.of(new OnnxNode("mystery_node", "FluxCapacitor", "", List.of("input"),
                List.of("output"), List.of())), List.of(), List.of(value("input", -1, 4)), List.of(value("output", -1, 4)), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Onnx.load(f));
        assertTrue(e.getMessage().contains("FluxCapacitor") && e.getMessage().contains("mystery_node"), e.getMessage());
    }

    @Test
    void hugeDimensionIsRefusedBeforeAllocating() throws IOException {
        OnnxTensor huge = new OnnxTensor("W", DataType.FLOAT, new long[] {1L << 40, 1L << 40}, new byte[16]);
        Path f = write(new OnnxGraph("g", List.of(new OnnxNode("mm", "MatMul", "", List.of("input", "W"), List.of("output"), List.of())),
                List.of(huge), List.of(value("input", -1, 4)), List.of(value("output", -1, 3)), List.of()));
        IOException e = assertThrows(IOException.class, () -> Onnx.load(f));
        assertTrue(e.getMessage().contains("1099511627776"), e.getMessage());
        OnnxTensor manyElements = new OnnxTensor("V", DataType.FLOAT, new long[] {1 << 20, 1 << 20}, new byte[16]);
        Path g = write(new OnnxGraph("g", List.of(), List.of(manyElements), List.of(value("input", -1, 4)), List.of(), List.of()));
        IOException e2 = assertThrows(IOException.class, () -> Onnx.load(g));
        assertTrue(e2.getMessage().contains("'V'") && e2.getMessage().contains("elements"), e2.getMessage());
    }

    @Test
    void cycleIsRefusedNamingANode() throws IOException {
        List<OnnxNode> nodes = List.of(
                new OnnxNode("a", "Identity", "", List.of("y"), List.of("x"), List.of()),
                new OnnxNode("b", "Identity", "", List.of("x"), List.of("y"), List.of()),
                new OnnxNode("c", "Identity", "", List.of("input"), List.of("output"), List.of()));
        Path f = write(new OnnxGraph("g", nodes, List.of(), List.of(value("input", -1, 4)), List.of(value("output", -1, 4)), List.of()));
        IOException e = assertThrows(IOException.class, () -> Onnx.load(f));
        assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("Identity node"), e.getMessage());
    }

    @Test
    void undefinedValueAndNotAModelAreRefused() throws IOException {
        Path f = write(new OnnxGraph("g", List.of(new OnnxNode("n", "Identity", "", List.of("nowhere"), List.of("output"), List.of())),
                List.of(), List.of(value("input", -1, 4)), List.of(value("output", -1, 4)), List.of()));
        IOException e = assertThrows(IOException.class, () -> Onnx.load(f));
        assertTrue(e.getMessage().contains("'nowhere'"), e.getMessage());
        assertThrows(IOException.class, () -> Onnx.load(write(new byte[0])));
        assertThrows(IOException.class, () -> Onnx.load(write("not a model at all, just text".getBytes())));
    }

    @Test
    void corruptedBytesNeverEscapeAsOtherExceptions() throws IOException {
        byte[] good = exported();
        Random rnd = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            byte[] bad = good.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            Path f = write(bad);
            try {
                Onnx.load(f);
            } catch (IOException | IllegalArgumentException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
            }
        }
    }
}
