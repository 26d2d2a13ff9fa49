package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.onnx.export.ModuleDescription;
import org.rnn4j.onnx.proto.ModelEncoder;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxGraph;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tensor.Tensor;

/**
 * Export, load, export again for the forecast and text models: {@code Onnx.load} rebuilds the
 * ForecastNet or CharLanguageModel itself (from the module type and options in the graph's
 * metadata, with the graph's weights), the second export is the same bytes, and the loaded model
 * computes exactly what the exported one does. A graph that is not what rnn4j writes for the
 * module its metadata names is refused, naming the difference.
 */
class OnnxTaskModelRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Module> models() {
        return Stream.of(
                TaskModels.forecast(CellType.RNN, 1, false, 1),
                TaskModels.forecast(CellType.LSTM, 2, true, 2),
                TaskModels.forecast(CellType.GRU, 2, false, 3),
                TaskModels.text(CellType.RNN, 1, 4),
                TaskModels.text(CellType.LSTM, 2, 5),
                TaskModels.text(CellType.GRU, 2, 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void exportLoadExportIsTheSameGraph(Module m) throws Exception {
        for (Onnx.Options options : List.of(Onnx.options().opset(14), Onnx.options(), Onnx.options().opset(21).batchFirst(false))) {
            Path first = dir.resolve("first.onnx");
            Path second = dir.resolve("second.onnx");
            Onnx.export(m, first, options);
            Module back = Onnx.load(first);
            assertInstanceOf(m.getClass(), back);
            Onnx.export(back, second, options);
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "opset " + options.opset());
            assertEquals(m.toString(), back.toString());
            Map<String, Tensor> a = m.stateDict();
            Map<String, Tensor> b = back.stateDict();
            assertEquals(a.keySet(), b.keySet());
            a.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), b.get(k).toFloatArray(), k));
            assertSameOutputs(m, back);
        }
    }

    private static void assertSameOutputs(Module m, Module back) {
        try (var off = GradMode.noGrad()) {
            if (m instanceof ForecastNet net) {
                Tensor x = Tensor.randn(3, TaskModels.LOOKBACK, TaskModels.CHANNELS);
                Tensor base = Tensor.randn(3, TaskModels.HORIZON);
                assertArrayEquals(net.forward(x, base).toFloatArray(), ((ForecastNet) back).forward(x, base).toFloatArray());
            } else {
                CharLanguageModel lm = (CharLanguageModel) m;
                CharLanguageModel loaded = (CharLanguageModel) back;
                assertEquals(lm.vocabulary(), loaded.vocabulary());
                Tensor x = ModuleCases.indices("", null, TaskModels.VOCABULARY.size()).input(2, 5);
                CharLanguageModel.Output want = lm.forward(x, null);
                CharLanguageModel.Output got = loaded.forward(x, null);
                assertArrayEquals(want.logits().toFloatArray(), got.logits().toFloatArray());
                RecurrentState s = want.state();
                assertArrayEquals(s.h().toFloatArray(), got.state().h().toFloatArray());
            }
        }
    }

    /** Loads {@code m}'s graph changed by {@code edit} and returns the refusal's message. */
    private String refused(Module m, UnaryOperator<OnnxModel> edit) throws Exception {
        Path f = dir.resolve("edited.onnx");
        Files.write(f, ModelEncoder.encode(edit.apply(Onnx.toOnnx(m, Onnx.options()))));
        return assertThrows(IllegalArgumentException.class, () -> Onnx.load(f)).getMessage();
    }

    private static OnnxModel withGraph(OnnxModel m, OnnxGraph g) {
        return new OnnxModel(m.irVersion(), m.opsets(), m.producerName(), m.producerVersion(), g, m.metadata());
    }

    private static OnnxModel withNodes(OnnxModel m, UnaryOperator<List<OnnxNode>> edit) {
        OnnxGraph g = m.graph();
        return withGraph(m, new OnnxGraph(g.name(), edit.apply(new ArrayList<>(g.nodes())), g.initializers(), g.inputs(),
                g.outputs(), g.valueInfo()));
    }

    @Test
    void aChangedNodeIsRefused() throws Exception {
        ForecastNet net = TaskModels.forecast(CellType.GRU, 1, false, 7);
        String m = refused(net, model -> withNodes(model, nodes -> {
            for (int i = 0; i < nodes.size(); i++) {
                OnnxNode n = nodes.get(i);
                if (n.opType().equals("Gather") && n.outputs().get(0).equals("target_channel")) { // channel axis -> time axis
                    nodes.set(i, new OnnxNode(n.name(), n.opType(), n.domain(), n.inputs(), n.outputs(),
                            List.of(OnnxAttribute.ofInt("axis", 1))));
                }
            }
            return nodes;
        }));
        assertTrue(m.startsWith("the graph is not what rnn4j exports for the rnn4j.ForecastNet that the graph's metadata"
                + " describes: node "), m);
        assertTrue(m.endsWith(" is Gather(input, target_channel_index) -> target_channel {axis=1}, rnn4j writes"
                + " Gather(input, target_channel_index) -> target_channel {axis=2}"), m);
        // a dropped node
        m = refused(net, model -> withNodes(model, nodes -> nodes.subList(0, nodes.size() - 1)));
        assertTrue(m.contains(": its outputs are") || m.contains("nodes, expected"), m);
    }

    @Test
    void aChangedConstantIsRefused() throws Exception {
        ForecastNet net = TaskModels.forecast(CellType.LSTM, 1, false, 8);
        String m = refused(net, model -> {
            OnnxGraph g = model.graph();
            List<OnnxTensor> inits = new ArrayList<>();
            for (OnnxTensor t : g.initializers()) {
                // the window's step the head reads: the first instead of the last
                inits.add(t.name().equals("last_step_index") ? OnnxTensor.ofLongs(t.name(), new long[] {0}) : t);
            }
            return withGraph(model, new OnnxGraph(g.name(), g.nodes(), inits, g.inputs(), g.outputs(), g.valueInfo()));
        });
        assertEquals("the graph is not what rnn4j exports for the rnn4j.ForecastNet that the graph's metadata describes:"
                + " initializer last_step_index:INT64[] holds other values than its weights give", m);
    }

    @Test
    void metadataThatDoesNotDescribeTheGraphIsRefused() throws Exception {
        CharLanguageModel lm = TaskModels.text(CellType.LSTM, 2, 9);
        Map<String, String> meta = Onnx.toOnnx(lm, Onnx.options()).metadata();
        String config = meta.get(ModuleDescription.CONFIG);
        String m = refused(lm, model -> model.withMetadata(Map.of(ModuleDescription.CONFIG,
                config.replace("\"hidden_size\":6", "\"hidden_size\":7"))));
        assertTrue(m.startsWith("the graph is not what rnn4j exports for the CharLanguageModel that the graph's metadata"
                + " describes: its inputs are "), m);
        // options asking for far more weights than the graph holds (here 1.6e9 floats) are refused before they are allocated
        m = refused(lm, model -> model.withMetadata(Map.of(ModuleDescription.CONFIG,
                config.replace("\"hidden_size\":6", "\"hidden_size\":20000"))));
        assertTrue(m.startsWith("cannot rebuild the CharLanguageModel that the graph's metadata describes from its options:"
                + " the module's tensors need more memory than its weights hold"), m);
        m = refused(lm, model -> model.withMetadata(Map.of(ModuleDescription.CONFIG, config.replace("\"cell\":\"lstm\"",
                "\"cell\":\"peephole\""))));
        assertTrue(m.startsWith("cannot rebuild the CharLanguageModel that the graph's metadata describes from its options:"
                + " option 'cell' = \"peephole\" is not one of rnn, lstm, gru"), m);
        m = refused(lm, model -> model.withMetadata(Map.of(ModuleDescription.CONFIG, "[1, 2]")));
        assertEquals("cannot rebuild the CharLanguageModel that the graph's metadata describes from its options: the module"
                + " options must be a JSON object, got [1, 2]", m);
        m = refused(lm, model -> model.withMetadata(Map.of(ModuleDescription.TYPE, "Transformer")));
        assertTrue(m.startsWith("the graph's metadata names the module type 'Transformer', which no codec on the class path"
                + " builds (known: "), m);
    }

    /** Without its metadata the text model's graph is a chain the generic importer has no module for. */
    @Test
    void withoutMetadataTheTextModelIsAChainOfModules() throws Exception {
        CharLanguageModel lm = TaskModels.text(CellType.GRU, 1, 10);
        String m = refused(lm, model -> new OnnxModel(model.irVersion(), model.opsets(), model.producerName(),
                model.producerVersion(), model.graph()));
        assertTrue(m.contains("the graph chains [Embedding, GRU, Linear]"), m);
    }
}
