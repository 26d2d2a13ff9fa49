package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.UnaryModule;
import org.rnn4j.tensor.Tensor;

/**
 * What {@code torch.onnx.export} (PyTorch 1.13, opsets 14-17, tools/make_onnx_fixtures.py) writes
 * for nn.Embedding, nn.LayerNorm (decomposed before opset 17), nn.Dropout in eval mode, the
 * activations and nn.Sequential of them loads as the rnn4j twin (a Sequential without the Dropout,
 * which an eval-mode graph does not hold), which gives PyTorch's outputs at the export's sizes and
 * at others; the loaded module exported again runs in ONNX Runtime with the same result.
 */
class OnnxTorchModuleImportTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "embedding_padding_idx | Embedding(10, 4)",
        "layernorm_opset14 | LayerNorm((4,), eps=1e-05, elementwise_affine=True)",
        "layernorm_no_affine_opset15 | LayerNorm((4,), eps=1e-05, elementwise_affine=False)",
        "layernorm_eps_opset17 | LayerNorm((4,), eps=0.001, elementwise_affine=True)",
        "dropout_eval | Sequential()",
        "tanh | Tanh()",
        "relu | ReLU()",
        "sigmoid | Sigmoid()",
        "seq_embedding_mlp | Sequential(\\n  (0): Embedding(10, 4)\\n  (1): LayerNorm((4,), eps=1e-05, elementwise_affine=True)\\n"
                + "  (2): Linear(in_features=4, out_features=5, bias=True)\\n  (3): ReLU()\\n"
                + "  (4): Linear(in_features=5, out_features=3, bias=True)\\n  (5): Sigmoid()\\n)",
        "seq_embedding_layernorm17 | Sequential(\\n  (0): Embedding(12, 6)\\n  (1): LayerNorm((6,), eps=0.0001, elementwise_affine=True)\\n"
                + "  (2): Tanh()\\n  (3): Linear(in_features=6, out_features=2, bias=True)\\n)",
        "seq_linear_tanh_linear | Sequential(\\n  (0): Linear(in_features=3, out_features=5, bias=True)\\n  (1): Tanh()\\n"
                + "  (2): Linear(in_features=5, out_features=2, bias=True)\\n)",
        "seq_linear_tanh_linear_2d | Sequential(\\n  (0): Linear(in_features=3, out_features=5, bias=True)\\n  (1): Tanh()\\n"
                + "  (2): Linear(in_features=5, out_features=2, bias=True)\\n)",
    })
    void importGivesPyTorchOutputs(String name, String repr) throws Exception {
        Module m = Onnx.load(OnnxTorchImportTest.fixture(name + ".onnx"));
        assertEquals(repr.replace("\\n", "\n"), m.toString());
        Map<String, Tensor> f = SafeTensors.load(OnnxTorchImportTest.fixture(name + ".safetensors"));
        m.eval();
        Path out = Files.createTempFile("reexport", ".onnx");
        try {
            Onnx.export(m, out);
            byte[] reexported = Files.readAllBytes(out);
            for (String set : new String[] {"a", "b"}) {
                Tensor x = f.get(set + ".input");
                Tensor expected = f.get(set + ".output");
                Tensor ours;
                try (var off = GradMode.noGrad()) {
                    ours = ((UnaryModule) m).forward(x);
                }
                check(name + " " + set + ": rnn4j", ours, expected);
                // the graph declares [lead, lead(, F)]: a 2-D input [N, F] runs as [1, N, F]
                boolean flat = x.dim() == 2 && name.endsWith("_2d");
                Tensor fed = flat ? x.unsqueeze(0) : x;
                Tensor ort = Ort.run(reexported, Map.of("input", fed)).get("output");
                check(name + " " + set + ": re-exported in ONNX Runtime", flat ? ort.squeeze(0) : ort, expected);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void check(String what, Tensor ours, Tensor pytorch) {
        double d = Ort.maxDiff(ours, pytorch);
        assertTrue(d <= OnnxTorchImportTest.TOLERANCE, what + " differs from PyTorch by " + d);
    }

    @Test
    void aSequentialEndingInAnLstmIsRefusedNamingTheChain() throws Exception {
        // nn.Sequential(Linear, Tanh, LSTM) returns (output, (h_n, c_n)): rnn4j's Sequential cannot hold an LSTM
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Onnx.load(OnnxTorchImportTest.fixture("seq_linear_tanh_lstm.onnx")));
        assertTrue(e.getMessage().contains("[Linear, Tanh, LSTM]") && e.getMessage().contains("Sequential"), e.getMessage());
    }
}
