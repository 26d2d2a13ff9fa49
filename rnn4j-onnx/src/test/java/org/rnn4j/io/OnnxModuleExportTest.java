package org.rnn4j.io;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.UnaryModule;
import org.rnn4j.tensor.Tensor;

/**
 * Embedding, Dropout, LayerNorm, the activations and Sequentials of them, exported at every opset
 * from 14 to 21 (LayerNorm decomposed before 17, one LayerNormalization node from 17) and run in
 * ONNX Runtime: at time and batch sizes the export never fixed, ONNX Runtime's output equals
 * rnn4j's eval-mode forward within 1e-5 (relative to max(1, |value|)).
 */
class OnnxModuleExportTest {
    private static final OrtAgreement AGREEMENT = new OrtAgreement("module exports");

    @TempDir
    Path dir;

    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        for (ModuleCases c : ModuleCases.all()) {
            for (int opset = 14; opset <= 21; opset++) out.add(Arguments.of(c, opset, false));
            out.add(Arguments.of(c, 17, true));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} opset {1} batchFirst {2}")
    @MethodSource("configs")
    void onnxRuntimeMatchesRnn4j(ModuleCases c, int opset, boolean batchFirst) throws Exception {
        Tensor.manualSeed(c.name().hashCode() + opset);
        Module m = c.make().get();
        Path file = dir.resolve("model.onnx");
        Onnx.export(m, file, Onnx.options().opset(opset).batchFirst(batchFirst)); // Dropout exports as in eval
        byte[] bytes = Files.readAllBytes(file);
        m.eval();
        for (int[] lead : new int[][] {{1, 1}, {6, 3}, {9, 2}}) {
            Tensor x = c.input(lead);
            Tensor ours;
            try (var off = GradMode.noGrad()) {
                ours = ((UnaryModule) m).forward(x);
            }
            Tensor ort = Ort.run(bytes, Map.of("input", x)).get("output");
            AGREEMENT.check(c + " opset " + opset + " lead " + java.util.Arrays.toString(lead), ours, ort);
        }
    }

    @AfterAll
    static void report() {
        AGREEMENT.report();
    }
}
