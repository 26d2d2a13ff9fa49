package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Models;
import org.rnn4j.io.Onnx;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.tasks.forecast.ForecastModelFile;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * {@code rnn4j export --onnx} on the model files that {@code forecast train} and {@code text train}
 * write (tiny models): the graph has the task model's inputs and outputs, carries the model file's
 * metadata (the forecaster's scaling, the text run's options) beside the module's options, and
 * {@link Onnx#load} gives back the ForecastNet or CharLanguageModel computing, bit for bit, what
 * the model file's does. (ONNX Runtime runs these graphs in rnn4j-onnx's tests.)
 */
class ExportTaskModelsCommandTest {
    @TempDir
    Path tmp;

    /** 120 months of a growing seasonal series. */
    private Path monthly() throws Exception {
        StringBuilder sb = new StringBuilder("month,sales\n");
        for (int t = 0; t < 120; t++) {
            sb.append(String.format(Locale.ROOT, "%04d-%02d,%.3f%n", 2010 + t / 12, t % 12 + 1,
                    (50 + t) * (1 + 0.3 * Math.sin(2 * Math.PI * t / 12))));
        }
        Path p = tmp.resolve("sales.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    private Path text() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 600; i++) sb.append(i % 3 == 0 ? "and God said " : "let there be light\n");
        Path f = tmp.resolve("genesis.txt");
        Files.writeString(f, sb.substring(0, 600));
        return f;
    }

    /** Runs the export and checks the common report; returns the graph written. */
    private OnnxModel export(Path model, Path onnx, String type, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("export", "--onnx", onnx.toString()));
        args.addAll(List.of(options));
        args.add(model.toString());
        Cli r = Cli.run(args.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("wrote " + onnx + ": " + type + " as ONNX opset 17, " + Files.size(onnx) + " bytes"),
                r.out());
        return Onnx.read(onnx);
    }

    @Test
    void aForecastModelFileExports() throws Exception {
        Path out = tmp.resolve("forecast");
        Cli train = Cli.run("forecast", "train", "--csv", monthly().toString(), "--target", "sales", "--out", out.toString(),
                "--epochs", "2", "--hidden", "6", "--cell", "gru", "--layers", "2");
        assertEquals(0, train.status(), train.err());
        Path model = out.resolve("model.safetensors");
        ForecastNet net = ForecastModelFile.load(model).net();
        int lookback = net.lookback();
        Path onnx = tmp.resolve("forecast.onnx");
        OnnxModel graph = export(model, onnx, "ForecastNet");
        assertEquals("[batch, " + lookback + ", 1]", graph.graph().inputs().get(0).shapeText());
        assertEquals(List.of("input", "base"), graph.graph().inputs().stream().map(v -> v.name()).toList());
        assertEquals("[batch, 12]", graph.graph().outputs().get(0).shapeText());
        // the scaling a server needs to feed the graph and read its output travels with it
        assertEquals(Models.read(model).metadata().get(ForecastModelFile.KEY), graph.metadata().get(ForecastModelFile.KEY));

        ForecastNet back = (ForecastNet) Onnx.load(onnx);
        Generator g = new Generator(4);
        Tensor x = Tensor.randn(g, 5, lookback, 1);
        Tensor base = Tensor.randn(g, 5, 12);
        try (var off = GradMode.noGrad()) {
            assertArrayEquals(net.forward(x, base).toFloatArray(), back.forward(x, base).toFloatArray());
        }
        // the time-major layout too
        OnnxModel timeMajor = export(model, tmp.resolve("forecast-tm.onnx"), "ForecastNet", "--no-batch-first");
        assertEquals("[" + lookback + ", batch, 1]", timeMajor.graph().inputs().get(0).shapeText());
    }

    @Test
    void aTextModelFileExports() throws Exception {
        Path out = tmp.resolve("text");
        Cli train = Cli.run("text", "train", "--text", text().toString(), "--out", out.toString(), "--cell", "lstm",
                "--embed", "4", "--hidden", "8", "--layers", "2", "--seq", "8", "--batch", "4", "--steps", "4",
                "--eval-every", "2", "--checkpoint-every", "2", "--dropout", "0.1");
        assertEquals(0, train.status(), train.err());
        Path model = out.resolve("model.safetensors");
        ModelFile file = Models.read(model);
        CharLanguageModel lm = (CharLanguageModel) file.module();
        Path onnx = tmp.resolve("text.onnx");
        OnnxModel graph = export(model, onnx, "CharLanguageModel");
        assertEquals("[batch, time] [batch, time, 16]", graph.graph().inputs().get(0).shapeText() + " "
                + graph.graph().outputs().get(0).shapeText());
        assertEquals(List.of("input", "h0", "c0"), graph.graph().inputs().stream().map(v -> v.name()).toList());
        assertEquals(List.of("output", "h_n", "c_n"), graph.graph().outputs().stream().map(v -> v.name()).toList());
        for (Map.Entry<String, String> e : file.metadata().entrySet()) {
            assertEquals(e.getValue(), graph.metadata().get(e.getKey()), e.getKey());
        }
        assertTrue(graph.metadata().get("rnn4j.module_config").startsWith("{\"vocabulary\":[10,32,"),
                graph.metadata().toString());

        Cli inspect = Cli.run("inspect", onnx.toString());
        assertEquals(0, inspect.status(), inspect.err());
        assertTrue(inspect.out().contains("\nmetadata:\n  rnn4j.module_type = CharLanguageModel\n  rnn4j.module_config ="
                + " {\"vocabulary\":[10,32,"), inspect.out());

        CharLanguageModel back = (CharLanguageModel) Onnx.load(onnx);
        assertEquals(lm.vocabulary(), back.vocabulary());
        Tensor x = Tensor.ofLongs(new long[] {0, 5, 15, 3, 9, 1, 2, 14}, 2, 4);
        try (var off = GradMode.noGrad()) {
            CharLanguageModel.Output want = lm.forward(x, null);
            CharLanguageModel.Output got = back.forward(x, null);
            assertArrayEquals(want.logits().toFloatArray(), got.logits().toFloatArray());
            assertArrayEquals(want.state().c().toFloatArray(), got.state().c().toFloatArray());
        }
    }
}
