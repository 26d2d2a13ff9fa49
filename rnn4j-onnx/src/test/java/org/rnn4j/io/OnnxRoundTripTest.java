package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tensor.Tensor;

/** Export, load, export again: the same bytes, the same configuration and the same weights. */
class OnnxRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Module> modules() {
        Tensor.manualSeed(7);
        RecurrentConfig lstm = RecurrentConfig.of(CellType.LSTM, 3, 5);
        return Stream.of(
                Recurrent.of(RecurrentConfig.of(CellType.RNN, 3, 5)).module(),
                Recurrent.of(RecurrentConfig.of(CellType.RNN, 3, 5).activation(Activation.IDENTITY).numLayers(2)).module(),
                Recurrent.of(RecurrentConfig.of(CellType.GRU, 3, 5).numLayers(3).bidirectional(true).batchFirst(true)).module(),
                Recurrent.of(RecurrentConfig.of(CellType.GRU, 3, 5).bias(false)).module(),
                Recurrent.of(lstm.numLayers(2).bidirectional(true)).module(),
                Recurrent.of(lstm.peephole(true).batchFirst(true).numLayers(2)).module(),
                Recurrent.of(lstm.activation(Activation.RELU).gateActivation(Activation.IDENTITY).bidirectional(true)).module(),
                new Linear(3, 5),
                new Linear(4, 2, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void exportLoadExportIsTheSameGraph(Module m) throws Exception {
        for (int opset : new int[] {14, 17, 21}) {
            Path first = dir.resolve("first.onnx");
            Path second = dir.resolve("second.onnx");
            Onnx.export(m, first, Onnx.options().opset(opset));
            Module back = Onnx.load(first);
            Onnx.export(back, second, Onnx.options().opset(opset));
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "opset " + opset);
            assertEquals(m.toString(), back.toString());
            if (m instanceof Recurrent r) assertEquals(r.config(), ((Recurrent) back).config());
            Map<String, Tensor> a = m.stateDict();
            Map<String, Tensor> b = back.stateDict();
            assertEquals(a.keySet(), b.keySet());
            a.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), b.get(k).toFloatArray(), k));
        }
    }
}
