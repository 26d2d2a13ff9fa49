package org.rnn4j.io;


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
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.nn.RecurrentResult;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tensor.Tensor;

/**
 * Every recurrent module and option, exported and run in ONNX Runtime: across random inputs and
 * initial states, at time and batch sizes the export never saw, ONNX Runtime's outputs equal
 * rnn4j's forward within 1e-5 (relative to max(1, |value|)).
 */
class OnnxRecurrentExportTest {
    private static final OrtAgreement AGREEMENT = new OrtAgreement("recurrent exports");

    @TempDir
    Path dir;

    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            RecurrentConfig base = RecurrentConfig.of(cell, 5, 7);
            out.add(Arguments.of(base, null, 17));
            out.add(Arguments.of(base.numLayers(3), null, 17));
            out.add(Arguments.of(base.bidirectional(true), null, 17));
            out.add(Arguments.of(base.numLayers(2).bidirectional(true), null, 17));
            out.add(Arguments.of(base.batchFirst(true).numLayers(2), null, 17));
            out.add(Arguments.of(base.batchFirst(true).bidirectional(true), null, 17));
            out.add(Arguments.of(base.bias(false).numLayers(2).bidirectional(true), null, 17));
            out.add(Arguments.of(base.dropout(0.5).numLayers(2), null, 17)); // dropout acts only in training
            out.add(Arguments.of(base.numLayers(2), true, 17));              // Options.batchFirst overrides the model's
            out.add(Arguments.of(base.batchFirst(true).bidirectional(true), false, 17));
        }
        RecurrentConfig rnn = RecurrentConfig.of(CellType.RNN, 4, 6);
        for (Activation a : Activation.values()) out.add(Arguments.of(rnn.activation(a).numLayers(2).bidirectional(true), null, 17));
        RecurrentConfig lstm = RecurrentConfig.of(CellType.LSTM, 4, 6);
        out.add(Arguments.of(lstm.peephole(true), null, 17));
        out.add(Arguments.of(lstm.peephole(true).numLayers(2).bidirectional(true).batchFirst(true), null, 17));
        out.add(Arguments.of(lstm.peephole(true).bias(false), null, 17));
        for (Activation act : Activation.values()) {
            for (Activation gate : Activation.values()) {
                out.add(Arguments.of(lstm.activation(act).gateActivation(gate).bidirectional(true), null, 17));
            }
        }
        for (int opset = 14; opset <= 21; opset++) {
            out.add(Arguments.of(lstm.peephole(true).numLayers(2).bidirectional(true).batchFirst(true), null, opset));
            out.add(Arguments.of(RecurrentConfig.of(CellType.GRU, 4, 6).numLayers(2).bidirectional(true), null, opset));
            out.add(Arguments.of(rnn.activation(Activation.RELU).numLayers(2).batchFirst(true), null, opset));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} batchFirst option {1} opset {2}")
    @MethodSource("configs")
    void onnxRuntimeMatchesRnn4j(RecurrentConfig config, Boolean batchFirstOption, int opset) throws Exception {
        Tensor.manualSeed(config.toString().hashCode());
        Recurrent module = Recurrent.of(config);
        module.eval();
        Onnx.Options options = Onnx.options().opset(opset);
        if (batchFirstOption != null) options = options.batchFirst(batchFirstOption);
        Path file = dir.resolve("model.onnx");
        Onnx.export(module.module(), file, options);
        byte[] bytes = Files.readAllBytes(file);
        boolean bf = batchFirstOption != null ? batchFirstOption : config.batchFirst();
        int rows = config.numLayers() * config.directions();
        // {T, B}; the export fixed neither. With unbounded LSTM gates (identity or relu) the cell
        // state is a polynomial whose degree doubles every step: it overflows float32 by T = 9, so
        // those configurations are compared on short sequences, where the numbers still mean something.
        boolean unboundedGates = config.cell() == CellType.LSTM
                && (config.gateActivation() == Activation.IDENTITY || config.gateActivation() == Activation.RELU);
        int[][] sizes = unboundedGates ? new int[][] {{1, 1}, {3, 3}, {4, 2}} : new int[][] {{1, 1}, {6, 3}, {9, 2}};
        for (int[] tb : sizes) {
            int t = tb[0];
            int b = tb[1];
            Tensor x = Tensor.randn(bf ? new int[] {b, t, config.inputSize()} : new int[] {t, b, config.inputSize()});
            Tensor h0 = Tensor.randn(rows, b, config.hiddenSize());
            Tensor c0 = config.cell() == CellType.LSTM ? Tensor.randn(rows, b, config.hiddenSize()) : null;
            Map<String, Tensor> feed = new LinkedHashMap<>();
            feed.put("input", x);
            feed.put("h0", h0);
            if (c0 != null) feed.put("c0", c0);
            Map<String, Tensor> ort = Ort.run(bytes, feed);
            RecurrentResult ours;
            try (var off = GradMode.noGrad()) {
                // the module's own layout is the reference: transpose when the export asked for the other one
                Tensor in = bf == config.batchFirst() ? x : x.transpose(0, 1).contiguous();
                ours = module.run(in, new RecurrentState(h0, c0));
            }
            Tensor output = bf == config.batchFirst() ? ours.output() : ours.output().transpose(0, 1).contiguous();
            check(config + " opset " + opset + " T=" + t + " B=" + b + " output", output, ort.get("output"));
            check(config + " h_n", ours.state().h(), ort.get("h_n"));
            if (c0 != null) check(config + " c_n", ours.state().c(), ort.get("c_n"));
        }
    }

    private static void check(String what, Tensor ours, Tensor ort) {
        AGREEMENT.check(what, ours, ort);
    }

    @AfterAll
    static void report() {
        AGREEMENT.report();
    }
}
