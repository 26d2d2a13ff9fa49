package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.onnx.export.ModuleDescription;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tasks.text.CharLanguageModelCodec;
import org.rnn4j.tensor.Tensor;

/**
 * The forecast and text commands' models (ForecastNet, CharLanguageModel), exported and run in
 * ONNX Runtime: for RNN, LSTM and GRU cells, 1 and 2 layers, at every opset and in both layouts,
 * across random inputs and batch (and, for the text model, time) sizes, ONNX Runtime's outputs
 * equal rnn4j's forward within 1e-5 (relative to max(1, |value|)), and the model's metadata
 * (read by ONNX Runtime) names its type and options.
 */
class OnnxTaskModelExportTest {
    private static final OrtAgreement AGREEMENT = new OrtAgreement("forecast and text models");

    @TempDir
    Path dir;

    /** cell, layers, opset, batchFirst option (null: the model's own, batch-first). */
    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (int layers = 1; layers <= 2; layers++) out.add(Arguments.of(cell, layers, 17, null));
            out.add(Arguments.of(cell, 2, 17, false));
        }
        for (int opset = 14; opset <= 21; opset++) out.add(Arguments.of(CellType.values()[opset % 3], 2, opset, null));
        return out.stream();
    }

    @ParameterizedTest(name = "ForecastNet {0} layers {1} opset {2} batchFirst option {3}")
    @MethodSource("configs")
    void forecastNet(CellType cell, int layers, int opset, Boolean batchFirst) throws Exception {
        forecast(TaskModels.forecast(cell, layers, false, cell.ordinal() * 10L + layers), opset, batchFirst);
    }

    @ParameterizedTest(name = "ForecastNet bidirectional {0} layers {1} opset {2} batchFirst option {3}")
    @MethodSource("configs")
    void bidirectionalForecastNet(CellType cell, int layers, int opset, Boolean batchFirst) throws Exception {
        // the reverse direction's output at the last step is its first step, not its final state
        forecast(TaskModels.forecast(cell, layers, true, 100 + cell.ordinal() * 10L + layers), opset, batchFirst);
    }

    @ParameterizedTest(name = "CharLanguageModel {0} layers {1} opset {2} batchFirst option {3}")
    @MethodSource("configs")
    void charLanguageModel(CellType cell, int layers, int opset, Boolean batchFirst) throws Exception {
        CharLanguageModel m = TaskModels.text(cell, layers, 200 + cell.ordinal() * 10L + layers);
        byte[] bytes = export(m, opset, batchFirst);
        boolean bf = batchFirst == null || batchFirst;
        boolean lstm = cell == CellType.LSTM;
        int v = TaskModels.VOCABULARY.size();
        RecurrentConfig c = m.config();
        for (int[] bt : new int[][] {{1, 1}, {3, 7}, {2, 12}}) {
            int b = bt[0];
            int t = bt[1];
            Tensor x = ModuleCases.indices("", null, v).input(b, t);
            for (boolean zeros : new boolean[] {true, false}) {
                Tensor h0 = zeros ? Tensor.zeros(layers, b, c.hiddenSize()) : Tensor.randn(layers, b, c.hiddenSize());
                Tensor c0 = !lstm ? null : zeros ? Tensor.zeros(layers, b, c.hiddenSize()) : Tensor.randn(layers, b, c.hiddenSize());
                Map<String, Tensor> feed = new LinkedHashMap<>();
                feed.put("input", bf ? x : x.transpose(0, 1).contiguous());
                feed.put("h0", h0);
                if (lstm) feed.put("c0", c0);
                Map<String, Tensor> ort = Ort.run(bytes, feed);
                CharLanguageModel.Output ours;
                try (var off = GradMode.noGrad()) {
                    ours = m.forward(x, zeros ? null : new RecurrentState(h0, c0)); // null: the model's zero state
                }
                String what = "CharLanguageModel " + cell + " L=" + layers + " opset " + opset + " B=" + b + " T=" + t
                        + (zeros ? " zero state" : "");
                check(what + " output", bf ? ours.logits() : ours.logits().transpose(0, 1).contiguous(), ort.get("output"));
                check(what + " h_n", ours.state().h(), ort.get("h_n"));
                if (lstm) check(what + " c_n", ours.state().c(), ort.get("c_n"));
            }
        }
        // the vocabulary travels with the graph: a server maps characters to indices with it
        assertEquals(Map.of(ModuleDescription.TYPE, "CharLanguageModel", ModuleDescription.CONFIG,
                new CharLanguageModelCodec().config(m).toString()), Ort.metadata(bytes));
    }

    private void forecast(ForecastNet net, int opset, Boolean batchFirst) throws Exception {
        byte[] bytes = export(net, opset, batchFirst);
        boolean bf = batchFirst == null || batchFirst;
        for (int b : new int[] {1, 4, 7}) {
            Tensor x = Tensor.randn(b, TaskModels.LOOKBACK, TaskModels.CHANNELS);
            Tensor base = Tensor.randn(b, TaskModels.HORIZON);
            Map<String, Tensor> feed = new LinkedHashMap<>();
            feed.put("input", bf ? x : x.transpose(0, 1).contiguous());
            feed.put("base", base);
            Tensor ours;
            try (var off = GradMode.noGrad()) {
                ours = net.forward(x, base);
            }
            check("ForecastNet " + net.config() + " opset " + opset + " B=" + b, ours, Ort.run(bytes, feed).get("output"));
        }
        Map<String, String> meta = Ort.metadata(bytes);
        assertEquals("rnn4j.ForecastNet", meta.get(ModuleDescription.TYPE));
        assertTrue(meta.get(ModuleDescription.CONFIG).endsWith("\"lookback\":6,\"horizon\":4}"), meta.toString());
    }

    private byte[] export(org.rnn4j.nn.Module m, int opset, Boolean batchFirst) throws Exception {
        Onnx.Options options = Onnx.options().opset(opset);
        if (batchFirst != null) options = options.batchFirst(batchFirst);
        Path file = dir.resolve("model.onnx");
        Onnx.export(m, file, options);
        return Files.readAllBytes(file);
    }

    private static void check(String what, Tensor ours, Tensor ort) {
        AGREEMENT.check(what, ours, ort);
    }

    @AfterAll
    static void report() {
        AGREEMENT.report();
    }
}
