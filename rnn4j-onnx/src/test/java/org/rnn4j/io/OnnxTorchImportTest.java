package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentResult;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tensor.Tensor;

/**
 * What {@code torch.onnx.export} (PyTorch 1.13, tools/make_onnx_fixtures.py) writes for nn.RNN,
 * nn.LSTM, nn.GRU and nn.Linear loads as the rnn4j twin, which then gives PyTorch's outputs at the
 * export's sizes and at others. The re-export of the imported module runs in ONNX Runtime with
 * the same result.
 */
class OnnxTorchImportTest {
    static final double TOLERANCE = 1e-5;

    static Path fixture(String name) throws Exception {
        return Path.of(OnnxTorchImportTest.class.getResource("/onnx/torch/" + name).toURI());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lstm_2layers_bidirectional_state, 'LSTM(3, 4, num_layers=2, bidirectional=True)'",
        "lstm_1layer, 'LSTM(3, 4)'",
        "lstm_batch_first_no_bias, 'LSTM(3, 4, num_layers=2, bias=False, batch_first=True)'",
        "gru_2layers_batch_first_state, 'GRU(3, 4, num_layers=2, batch_first=True)'",
        "gru_bidirectional, 'GRU(3, 4, bidirectional=True)'",
        "rnn_relu_2layers_bidirectional, 'RNN(3, 4, num_layers=2, bidirectional=True)'",
        "rnn_tanh_batch_first, 'RNN(3, 4, batch_first=True)'",
        "linear_3d, 'Linear(in_features=3, out_features=4, bias=True)'",
        "linear_2d_gemm, 'Linear(in_features=3, out_features=4, bias=True)'",
        "linear_no_bias, 'Linear(in_features=3, out_features=4, bias=False)'",
    })
    void importGivesPyTorchOutputs(String name, String repr) throws Exception {
        Module m = Onnx.load(fixture(name + ".onnx"));
        assertEquals(repr, m.toString());
        if (name.startsWith("rnn_")) { // PyTorch's repr leaves the nonlinearity out
            assertEquals(name.contains("relu") ? Activation.RELU : Activation.TANH, ((Recurrent) m).config().activation());
        }
        Map<String, Tensor> f = SafeTensors.load(fixture(name + ".safetensors"));
        m.eval();
        for (String set : new String[] {"a", "b"}) {
            Map<String, Tensor> expected = new LinkedHashMap<>();
            Map<String, Tensor> ours = forward(m, f, set, expected);
            for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                double d = Ort.maxDiff(ours.get(e.getKey()), e.getValue());
                assertTrue(d <= TOLERANCE, name + " " + set + "." + e.getKey() + ": rnn4j differs from PyTorch by " + d);
            }
            if (set.equals("b")) { // the imported module exported again runs in ONNX Runtime with PyTorch's outputs
                Path out = Files.createTempFile("reexport", ".onnx");
                try {
                    Onnx.export(m, out);
                    Map<String, Tensor> feed = new LinkedHashMap<>();
                    feed.put("input", f.get(set + ".input"));
                    if (m instanceof Recurrent r) {
                        feed.put("h0", f.getOrDefault(set + ".h0", r.zeroState(batch(r, f.get(set + ".input"))).h()));
                        if (expected.containsKey("c_n")) {
                            feed.put("c0", f.getOrDefault(set + ".c0", r.zeroState(batch(r, f.get(set + ".input"))).c()));
                        }
                    }
                    if (m instanceof Recurrent || f.get(set + ".input").dim() == 3) {
                        Map<String, Tensor> ort = Ort.run(Files.readAllBytes(out), feed);
                        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                            double d = Ort.maxDiff(ort.get(e.getKey()), e.getValue());
                            assertTrue(d <= TOLERANCE, name + " re-exported: ONNX Runtime differs from PyTorch by " + d);
                        }
                    }
                } finally {
                    Files.deleteIfExists(out);
                }
            }
        }
    }

    private static int batch(Recurrent r, Tensor x) {
        return x.size(r.config().batchFirst() ? 0 : 1);
    }

    private static Map<String, Tensor> forward(Module m, Map<String, Tensor> f, String set, Map<String, Tensor> expected) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Tensor x = f.get(set + ".input");
        expected.put("output", f.get(set + ".output"));
        try (var off = GradMode.noGrad()) {
            if (m instanceof Linear lin) {
                out.put("output", lin.forward(x));
                return out;
            }
            Recurrent r = (Recurrent) m;
            Tensor h0 = f.get(set + ".h0");
            Tensor c0 = f.get(set + ".c0");
            RecurrentResult res = r.run(x, h0 == null ? null : new RecurrentState(h0, c0));
            out.put("output", res.output());
            out.put("h_n", res.state().h());
            expected.put("h_n", f.get(set + ".h_n"));
            if (res.state().c() != null) {
                out.put("c_n", res.state().c());
                expected.put("c_n", f.get(set + ".c_n"));
            }
        }
        return out;
    }
}
