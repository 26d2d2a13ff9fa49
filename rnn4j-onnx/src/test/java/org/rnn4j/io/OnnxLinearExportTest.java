package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.Linear;
import org.rnn4j.tensor.Tensor;

/** Linear exported and run in ONNX Runtime equals rnn4j's forward at sizes the export did not fix. */
class OnnxLinearExportTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "Linear({0}, {1}, bias={2}) opset {3}")
    @CsvSource({"5, 3, true, 17", "5, 3, false, 17", "1, 7, true, 14", "8, 1, true, 21"})
    void onnxRuntimeMatchesRnn4j(int in, int out, boolean bias, int opset) throws Exception {
        Tensor.manualSeed(in * 100 + out);
        Linear lin = new Linear(in, out, bias);
        Path file = dir.resolve("linear.onnx");
        Onnx.export(lin, file, Onnx.options().opset(opset));
        byte[] bytes = Files.readAllBytes(file);
        for (int[] tb : new int[][] {{1, 1}, {4, 3}, {7, 2}}) {
            Tensor x = Tensor.randn(tb[0], tb[1], in);
            Tensor ours;
            try (var off = GradMode.noGrad()) {
                ours = lin.forward(x);
            }
            double d = Ort.maxDiff(ours, Ort.run(bytes, Map.of("input", x)).get("output"));
            assertTrue(d <= OrtAgreement.TOLERANCE, "ONNX Runtime differs from rnn4j by " + d);
        }
    }
}
