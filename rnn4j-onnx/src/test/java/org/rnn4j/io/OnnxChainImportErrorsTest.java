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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Tanh;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.ModelEncoder;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxGraph;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;
import org.rnn4j.onnx.proto.OnnxValueInfo;

/**
 * Graphs around the new modules that rnn4j cannot import are refused with an
 * IllegalArgumentException naming the op and node (or what does not chain), and damaged files
 * holding them with an IOException or IllegalArgumentException, never another exception.
 */
class OnnxChainImportErrorsTest {
    @TempDir
    Path dir;

    private static final OnnxTensor W = OnnxTensor.ofFloats("W", new float[12], 4, 3);
    private static final OnnxTensor TABLE = OnnxTensor.ofFloats("table", new float[40], 10, 4);

    private static OnnxValueInfo value(String name, int type, long... dims) {
        List<OnnxValueInfo.Dim> d = new ArrayList<>();
        for (long x : dims) d.add(x < 0 ? OnnxValueInfo.Dim.of("n" + d.size()) : OnnxValueInfo.Dim.of(x));
        return new OnnxValueInfo(name, type, d);
    }

    private static OnnxNode node(String name, String op, List<String> in, String out, OnnxAttribute... attrs) {
        return new OnnxNode(name, op, "", in, List.of(out), List.of(attrs));
    }

    /** A graph of float input [n, n, 4] (or INT64 [n, n] with {@code indices}) and one output. */
    private String refusal(boolean indices, List<OnnxNode> nodes, List<OnnxTensor> inits, OnnxValueInfo... extraInputs)
            throws IOException {
        Path f = write(indices, nodes, inits, extraInputs);
        return assertThrows(IllegalArgumentException.class, () -> Onnx.load(f)).getMessage();
    }

    private Path write(boolean indices, List<OnnxNode> nodes, List<OnnxTensor> inits, OnnxValueInfo... extraInputs)
            throws IOException {
        List<OnnxValueInfo> inputs = new ArrayList<>();
        inputs.add(indices ? value("input", DataType.INT64, -1, -1) : value("input", DataType.FLOAT, -1, -1, 4));
        inputs.addAll(List.of(extraInputs));
        OnnxGraph g = new OnnxGraph("g", nodes, inits, inputs, List.of(value("output", DataType.FLOAT, -1, -1, -1)), List.of());
        Path f = dir.resolve("bad.onnx");
        Files.write(f, ModelEncoder.encode(new OnnxModel(8, List.of(new OnnxModel.OpsetId("", 17)), "test", "", g)));
        return f;
    }

    private static void has(String message, String... fragments) {
        for (String f : fragments) assertTrue(message.contains(f), "'" + f + "' not in: " + message);
    }

    @Test
    void anUnknownOpAfterAModuleIsNamedWithItsNode() throws IOException {
        has(refusal(false, List.of(node("lin", "MatMul", List.of("input", "W"), "y"),
                node("soft", "Softmax", List.of("y"), "output")), List.of(W)), "Softmax", "'soft'");
    }

    @Test
    void aGatherMustReadTheIndicesFromAConstantFloatTable() throws IOException {
        has(refusal(false, List.of(node("emb", "Gather", List.of("table", "input"), "output")), List.of(TABLE)),
                "Gather node 'emb'", "float data");
        OnnxTensor ints = OnnxTensor.ofLongs("table", new long[40], 10, 4);
        has(refusal(true, List.of(node("emb", "Gather", List.of("table", "input"), "output")), List.of(ints)),
                "Gather node 'emb'", "INT64[10, 4]");
        has(refusal(true, List.of(node("emb", "Gather", List.of("table", "input"), "output", OnnxAttribute.ofInt("axis", 1))),
                List.of(TABLE)), "Gather node 'emb'", "axis 1");
    }

    @Test
    void layerNormalizationOverOtherAxesOrWithAWrongScaleIsRefused() throws IOException {
        OnnxTensor scale = OnnxTensor.ofFloats("s", new float[] {1, 2, 3, 4}, 4);
        has(refusal(false, List.of(node("ln", "LayerNormalization", List.of("input", "s"), "output", OnnxAttribute.ofInt("axis", 1))),
                List.of(scale)), "LayerNormalization node 'ln'", "axis=1");
        OnnxTensor five = OnnxTensor.ofFloats("s", new float[5], 5);
        has(refusal(false, List.of(node("ln", "LayerNormalization", List.of("input", "s"), "output")), List.of(five)),
                "LayerNormalization node 'ln'", "Scale", "[4]");
    }

    @Test
    void aDecomposedNormMustBePyTorchsOverTheLastAxis() throws IOException {
        has(refusal(false, List.of(node("mean", "ReduceMean", List.of("input"), "output", OnnxAttribute.ofInts("axes", 0))),
                List.of()), "ReduceMean node 'mean'", "axes [0]");
        OnnxTensor eps = OnnxTensor.ofFloats("eps", new float[] {1e-5f});
        // (x - mean) / (var + eps), without the square root
        has(refusal(false, List.of(
                node("m", "ReduceMean", List.of("input"), "mu", OnnxAttribute.ofInts("axes", -1)),
                node("d", "Sub", List.of("input", "mu"), "dev"),
                node("sq", "Mul", List.of("dev", "dev"), "sq"),
                node("v", "ReduceMean", List.of("sq"), "var", OnnxAttribute.ofInts("axes", -1)),
                node("ve", "Add", List.of("var", "eps"), "ve"),
                node("div", "Div", List.of("dev", "ve"), "output")), List.of(eps)), "Div node 'div'");
    }

    @Test
    void aResidualAddAndAnUnusedBranchAreRefused() throws IOException {
        has(refusal(false, List.of(node("t", "Tanh", List.of("input"), "y"), node("res", "Add", List.of("input", "y"), "output")),
                List.of()), "Add node 'res'");
        OnnxTensor w2 = OnnxTensor.ofFloats("W2", new float[9], 3, 3);
        has(refusal(false, List.of(node("lin", "MatMul", List.of("input", "W"), "y"), node("t", "Tanh", List.of("y"), "output"),
                node("dangling", "MatMul", List.of("output", "W2"), "z")), List.of(W, w2)), "first output");
    }

    @Test
    void aDropoutIsTheIdentityOnlyOutOfTraining() throws IOException {
        OnnxTensor ratio = OnnxTensor.ofFloats("ratio", new float[] {0.5f});
        OnnxTensor training = OnnxTensor.checked("mode", DataType.BOOL, new long[0], new byte[] {1});
        has(refusal(false, List.of(node("drop", "Dropout", List.of("input", "ratio", "mode"), "output")), List.of(ratio, training)),
                "Dropout node 'drop'");
        OnnxTensor inference = OnnxTensor.checked("mode", DataType.BOOL, new long[0], new byte[] {0});
        Path f = write(false, List.of(node("drop", "Dropout", List.of("input", "ratio", "mode"), "output")), List.of(ratio, inference));
        assertTrue(Onnx.load(f) instanceof Sequential s && s.size() == 0);
    }

    @Test
    void aChainHasOneInput() throws IOException {
        has(refusal(false, List.of(node("t", "Tanh", List.of("input"), "output")), List.of(),
                value("h0", DataType.FLOAT, 1, -1, 4)), "one input", "h0");
    }

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {14, 17})
    void damagedChainsNeverEscapeAsOtherExceptions(int opset) throws IOException {
        Path good = dir.resolve("good.onnx");
        Onnx.export(new Sequential(new Embedding(10, 4), new LayerNorm(4), new Linear(4, 3), new Tanh()), good,
                Onnx.options().opset(opset));
        byte[] bytes = Files.readAllBytes(good);
        Path f = dir.resolve("damaged.onnx");
        Random rnd = new Random(opset);
        for (int trial = 0; trial < 400; trial++) {
            byte[] bad = trial < 100 ? java.util.Arrays.copyOf(bytes, rnd.nextInt(bytes.length)) : bytes.clone();
            if (trial >= 100) {
                for (int k = 0, flips = 1 + rnd.nextInt(4); k < flips; k++) bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            }
            Files.write(f, bad);
            try {
                Onnx.load(f);
            } catch (IOException | IllegalArgumentException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty(), "trial " + trial);
            }
        }
    }
}
