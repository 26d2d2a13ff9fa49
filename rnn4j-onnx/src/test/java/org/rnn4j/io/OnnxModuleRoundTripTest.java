package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Tanh;
import org.rnn4j.nn.UnaryModule;
import org.rnn4j.tensor.Tensor;

/**
 * Export, load, export again: the same bytes at opsets 14, 16, 17 and 21 (both LayerNorm forms),
 * the loaded module computes exactly what the exported one does in eval mode, and it is the module
 * the graph records: the same one, or the equivalent one named here where the graph cannot say
 * more (Dropout leaves no trace, nested Sequentials come back flat, padding_idx is not recorded).
 */
class OnnxModuleRoundTripTest {
    @TempDir
    Path dir;

    /** What loads where the graph cannot tell the exported module (by case name); the rest load as exported. */
    private static final Map<String, String> LOADS_AS = Map.of(
            "Embedding(7, 3, padding_idx=2)", "Embedding(7, 3)",
            "Dropout(0.5) in training mode", "Sequential()",
            "Sequential(Dropout)", "Sequential()",
            "Sequential(Embedding, Dropout, LayerNorm, Linear, ReLU, Linear, Sigmoid)", """
                    Sequential(
                      (0): Embedding(10, 4)
                      (1): LayerNorm((4,), eps=1e-05, elementwise_affine=True)
                      (2): Linear(in_features=4, out_features=5, bias=True)
                      (3): ReLU()
                      (4): Linear(in_features=5, out_features=3, bias=True)
                      (5): Sigmoid()
                    )""",
            "Sequential(Dropout, Tanh, Sequential(Linear, ReLU), LayerNorm)", """
                    Sequential(
                      (0): Tanh()
                      (1): Linear(in_features=3, out_features=4, bias=True)
                      (2): ReLU()
                      (3): LayerNorm((4,), eps=1e-05, elementwise_affine=True)
                    )""",
            "Sequential(Linear, Dropout, Sequential(Tanh, Linear))", """
                    Sequential(
                      (0): Linear(in_features=3, out_features=4, bias=True)
                      (1): Tanh()
                      (2): Linear(in_features=4, out_features=2, bias=True)
                    )""",
            "Sequential(Linear)", "Linear(in_features=3, out_features=4, bias=True)",
            "Dropout(0.2)", "Sequential()");

    static Stream<ModuleCases> modules() {
        List<ModuleCases> out = new ArrayList<>(ModuleCases.all());
        out.add(ModuleCases.of("Sequential(Linear, Dropout, Sequential(Tanh, Linear))", () -> new Sequential(
                new Linear(3, 4), new Dropout(0.3), new Sequential(new Tanh(), new Linear(4, 2))), 3));
        out.add(ModuleCases.of("Sequential(Linear)", () -> new Sequential(new Linear(3, 4)), 3));
        out.add(ModuleCases.of("Dropout(0.2)", () -> new Dropout(0.2), 3));
        out.add(ModuleCases.of("LayerNorm(5, eps=1e-6)", () -> ModuleCases.randomized(new LayerNorm(5, LayerNorm.options().eps(1e-6))), 5));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void exportLoadExportIsTheSameGraph(ModuleCases c) throws Exception {
        Tensor.manualSeed(c.name().hashCode());
        Module m = c.make().get();
        m.eval();
        for (int opset : new int[] {14, 16, 17, 21}) {
            Path first = dir.resolve("first.onnx");
            Path second = dir.resolve("second.onnx");
            Onnx.export(m, first, Onnx.options().opset(opset));
            Module back = Onnx.load(first);
            Onnx.export(back, second, Onnx.options().opset(opset));
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "opset " + opset);
            assertEquals(LOADS_AS.getOrDefault(c.name(), m.toString()), back.toString(), "opset " + opset);
            if (m instanceof LayerNorm ln) {
                LayerNorm b = (LayerNorm) back;
                assertEquals(ln.eps(), b.eps());
                assertEquals(ln.elementwiseAffine(), b.elementwiseAffine());
                assertEquals(ln.bias() == null, b.bias() == null);
            }
            Tensor x = c.input(4, 3);
            try (var off = GradMode.noGrad()) {
                assertArrayEquals(((UnaryModule) m).forward(x).toFloatArray(), ((UnaryModule) back).forward(x).toFloatArray(),
                        "opset " + opset);
            }
        }
    }

    @Test
    void embeddingPaddingIdxIsNotRecorded() throws Exception {
        Embedding e = new Embedding(10, 4, Embedding.options().paddingIdx(0));
        Path f = dir.resolve("e.onnx");
        Onnx.export(e, f);
        Embedding back = (Embedding) Onnx.load(f);
        assertFalse(back.paddingIdx().isPresent());
        assertArrayEquals(e.weight().toFloatArray(), back.weight().toFloatArray());
    }

    @Test
    void layerNormWithoutBiasAndAUnitWeightLoadsWithoutAffineFromOpset17() throws Exception {
        // LayerNormalization needs a scale: rnn4j writes ones for "no affine", and reads ones without B back as that
        LayerNorm ln = new LayerNorm(4, LayerNorm.options().bias(false)); // weight starts at ones
        Path f = dir.resolve("ln.onnx");
        Onnx.export(ln, f, Onnx.options().opset(17));
        assertFalse(((LayerNorm) Onnx.load(f)).elementwiseAffine());
        Onnx.export(ln, f, Onnx.options().opset(16)); // the decomposition keeps the Mul: affine, no bias
        LayerNorm back = (LayerNorm) Onnx.load(f);
        assertEquals(ln.config(), back.config());
    }
}
