package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.onnx.export.ExportContext;
import org.rnn4j.onnx.export.Exporters;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.ModelEncoder;
import org.rnn4j.onnx.proto.OnnxGraph;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import org.rnn4j.onnx.proto.OnnxValueInfo.Dim;
import org.rnn4j.tensor.Tensor;

/**
 * The contract for a container that holds a recurrent module (a composite model; rnn4j's
 * Sequential cannot): its exporter calls {@code ctx.export(child, List.of(x), List.of(y))} for each
 * child, and a recurrent child then contributes its {@code output} only, from zero initial states.
 * Checked on Embedding -> LSTM (2 layers, bidirectional, batch-first) -> Linear and on
 * Linear -> GRU -> Linear against rnn4j's composition, in ONNX Runtime at several sizes.
 */
class OnnxCompositeExportTest {
    @TempDir
    Path dir;

    /** The graph input -> children in a row -> output, as a composite's exporter would write it. */
    private static byte[] chain(OnnxValueInfo input, OnnxValueInfo output, Module... children) {
        ExportContext ctx = new ExportContext(17, null, Exporters.standard(), new HashSet<>(Set.of("input", "output")));
        String x = "input";
        for (int k = 0; k < children.length; k++) {
            String y = k == children.length - 1 ? "output" : ctx.fresh("step" + k);
            ctx.export(children[k], List.of(x), List.of(y));
            x = y;
        }
        OnnxGraph g = new OnnxGraph("Composite", ctx.nodes(), ctx.initializers(), List.of(input), List.of(output), List.of());
        return ModelEncoder.encode(new OnnxModel(8, List.of(new OnnxModel.OpsetId("", 17)), "test", "", g));
    }

    private static OnnxValueInfo value(String name, int type, Dim... dims) {
        return new OnnxValueInfo(name, type, List.of(dims));
    }

    @Test
    void embeddingLstmLinear() throws Exception {
        Tensor.manualSeed(11);
        Embedding emb = new Embedding(12, 5);
        LSTM lstm = new LSTM(5, 6, LSTM.options().numLayers(2).bidirectional(true).batchFirst(true));
        Linear head = new Linear(12, 3);
        lstm.eval();
        Dim b = Dim.of("batch");
        Dim t = Dim.of("time");
        byte[] model = chain(value("input", DataType.INT64, b, t), value("output", DataType.FLOAT, b, t, Dim.of(3)), emb, lstm, head);
        for (int[] bt : new int[][] {{1, 1}, {3, 7}, {2, 4}}) {
            Tensor x = ModuleCases.indices("", null, 12).input(bt);
            Tensor ours;
            try (var off = GradMode.noGrad()) {
                ours = head.forward(lstm.forward(emb.forward(x)).output()); // no state given: zeros
            }
            check(ours, Ort.run(model, Map.of("input", x)).get("output"));
        }
        // the same chain is not a module rnn4j can load: its Sequential cannot hold the LSTM
        Path f = dir.resolve("composite.onnx");
        Files.write(f, model);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Onnx.load(f));
        assertTrue(e.getMessage().contains("[Embedding, LSTM, Linear]"), e.getMessage());
    }

    @Test
    void linearGruLinear() throws Exception {
        Tensor.manualSeed(12);
        Linear in = new Linear(4, 5);
        GRU gru = new GRU(5, 7, GRU.options().numLayers(2));
        Linear head = new Linear(7, 2);
        Dim t = Dim.of("time");
        Dim b = Dim.of("batch");
        byte[] model = chain(value("input", DataType.FLOAT, t, b, Dim.of(4)), value("output", DataType.FLOAT, t, b, Dim.of(2)),
                in, gru, head);
        for (int[] tb : new int[][] {{1, 1}, {6, 3}, {9, 2}}) {
            Tensor x = Tensor.randn(tb[0], tb[1], 4);
            Tensor ours;
            try (var off = GradMode.noGrad()) {
                ours = head.forward(((Recurrent) gru).run(in.forward(x), null).output());
            }
            check(ours, Ort.run(model, Map.of("input", x)).get("output"));
        }
    }

    private static void check(Tensor ours, Tensor ort) {
        double d = Ort.maxDiff(ours, ort);
        assertTrue(d <= OrtAgreement.TOLERANCE, "ONNX Runtime differs from rnn4j by " + d);
    }
}
