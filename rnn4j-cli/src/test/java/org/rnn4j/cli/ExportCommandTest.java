package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.io.Models;
import org.rnn4j.io.Onnx;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.LSTMOutput;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.RNN;
import org.rnn4j.nn.RecurrentOutput;
import org.rnn4j.nn.ReLU;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Sigmoid;
import org.rnn4j.nn.Tanh;
import org.rnn4j.nn.UnaryModule;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * {@code rnn4j export --onnx}: a model file saved with {@link Models#save}, exported by the command,
 * read back with {@link Onnx#load}, computes what the original module computes, bit for bit (the
 * loaded graph is the same modules with the same weights).
 */
class ExportCommandTest {
    @TempDir
    Path dir;

    /** A model, the command's extra options, and how to run a module of it on a fresh input. */
    record Case(String name, Supplier<Module> make, List<String> options, Function<Module, List<Tensor>> run) {
        @Override
        public String toString() {
            return name + (options.isEmpty() ? "" : " " + String.join(" ", options));
        }
    }

    static Stream<Case> cases() {
        Tensor seq = Tensor.randn(new Generator(1), 5, 2, 3);
        Tensor seqBatchFirst = Tensor.randn(new Generator(2), 2, 5, 3);
        long[] idx = {0, 3, 9, 9, 1, 0, 4, 7, 2, 8, 5, 6};
        Tensor indices = Tensor.ofLongs(idx, 6, 2);
        return Stream.of(
                new Case("LSTM 2 layers batch_first", () -> new LSTM(3, 4, LSTM.options().numLayers(2).batchFirst(true)),
                        List.of(), m -> lstm(m, seqBatchFirst)),
                new Case("LSTM bidirectional peephole", () -> new LSTM(3, 4, LSTM.options().bidirectional(true)
                        .peephole(true)), List.of("--opset", "14"), m -> lstm(m, seq)),
                new Case("GRU bidirectional", () -> new GRU(3, 4, GRU.options().bidirectional(true)), List.of("--opset", "21"),
                        m -> recurrent(((GRU) m).forward(seq))),
                new Case("RNN relu batch_first", () -> new RNN(3, 4, RNN.options().batchFirst(true)
                        .nonlinearity(org.rnn4j.nn.Activation.RELU)), List.of("--batch-first"),
                        m -> recurrent(((RNN) m).forward(seqBatchFirst))),
                new Case("Linear", () -> new Linear(3, 2), List.of("--no-batch-first"), m -> unary(m, seq)),
                new Case("Sequential(Linear, Tanh, Dropout, LayerNorm, Linear)", () -> perturbed(new Sequential(
                        new Linear(3, 6), new Tanh(), new Dropout(0.5), new LayerNorm(6), new Linear(6, 2))),
                        List.of(), m -> unary(m, seq)),
                new Case("Sequential(Linear, Tanh, Dropout, LayerNorm, Linear) decomposed LayerNorm", () -> perturbed(
                        new Sequential(new Linear(3, 6), new Tanh(), new Dropout(0.5), new LayerNorm(6), new Linear(6, 2))),
                        List.of("--opset", "16"), m -> unary(m, seq)),
                new Case("Sequential(Embedding, LayerNorm, Sequential(Linear, ReLU), Dropout, Linear, Sigmoid)",
                        () -> perturbed(new Sequential(new Embedding(10, 4, Embedding.options().paddingIdx(0)),
                                new LayerNorm(4), new Sequential(new Linear(4, 5), new ReLU()), new Dropout(0.1),
                                new Linear(5, 3), new Sigmoid())), List.of(), m -> unary(m, indices)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theExportedGraphComputesWhatTheModelFileDoes(Case c) throws Exception {
        Path model = dir.resolve("model.safetensors");
        Models.save(model, c.make().get());
        Module original = Models.load(model);
        Path onnx = dir.resolve("out/model.onnx"); // the folder is created
        List<String> args = new java.util.ArrayList<>(List.of("export", "--onnx", onnx.toString()));
        args.addAll(c.options());
        args.add(model.toString());
        Cli r = Cli.run(args.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        int opset = c.options().contains("--opset") ? Integer.parseInt(c.options().get(c.options().indexOf("--opset") + 1)) : 17;
        assertTrue(r.out().startsWith("wrote " + onnx + ": " + original.getClass().getSimpleName() + " as ONNX opset "
                + opset + ", " + Files.size(onnx) + " bytes"), r.out());
        assertTrue(r.out().contains("  inputs:  input "), r.out());
        assertEquals(opset, Onnx.read(onnx).opset());
        try (Stream<Path> files = Files.list(onnx.getParent())) {
            assertEquals(List.of(onnx), files.toList(), "no temporary file is left");
        }

        Module back = Onnx.load(onnx);
        List<Tensor> want = c.run().apply(original);
        List<Tensor> got = c.run().apply(back);
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).shape(), got.get(i).shape(), "output " + i + " shape");
            assertArrayEquals(want.get(i).toFloatArray(), got.get(i).toFloatArray(), "output " + i);
        }
    }

    /** --no-batch-first on a batch-first LSTM: the graph takes [time, batch, features] instead. */
    @Test
    void batchFirstOverridesTheModelsLayout() throws Exception {
        Path model = dir.resolve("lstm.safetensors");
        Models.save(model, new LSTM(3, 4, LSTM.options().batchFirst(true)));
        Path onnx = dir.resolve("lstm.onnx");
        Cli r = Cli.run("export", "--no-batch-first", "--onnx", onnx.toString(), model.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("inputs:  input FLOAT [time, batch, 3], h0 FLOAT [1, batch, 4], c0 FLOAT [1, batch, 4]"),
                r.out());
        OnnxModel graph = Onnx.read(onnx);
        assertEquals("[time, batch, 3]", graph.graph().inputs().get(0).shapeText());
        assertEquals("[time, batch, 4]", graph.graph().outputs().get(0).shapeText());
    }

    @Test
    void anExistingOutputIsReplaced() throws Exception {
        Path model = dir.resolve("linear.safetensors");
        Models.save(model, new Linear(2, 2));
        Path onnx = dir.resolve("linear.onnx");
        Files.writeString(onnx, "old");
        assertEquals(0, Cli.run("export", "--onnx", onnx.toString(), model.toString()).status());
        assertEquals("Linear(in_features=2, out_features=2, bias=True)", Onnx.load(onnx).toString());
    }

    private static List<Tensor> lstm(Module m, Tensor x) {
        LSTMOutput o = ((LSTM) m).forward(x);
        return List.of(o.output(), o.h(), o.c());
    }

    private static List<Tensor> recurrent(RecurrentOutput o) {
        return List.of(o.output(), o.h());
    }

    private static List<Tensor> unary(Module m, Tensor x) {
        return List.of(((UnaryModule) m).forward(x));
    }

    /** Every parameter redrawn, so that LayerNorm's ones and zeros are not all that is compared. */
    private static Module perturbed(Module m) {
        Generator g = new Generator(5);
        for (Tensor p : m.parameters()) p.copyFrom(Tensor.randn(g, p.shape()));
        return m;
    }
}
