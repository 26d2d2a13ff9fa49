package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.tensor.Tensor;
import picocli.CommandLine;

class InspectCommandTest {
    @Test
    void listsTensorsWithStatisticsAndMetadata(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.safetensors");
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight_ih_l0", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        t.put("bias", Tensor.of(new float[] {-1, 1}, 2));
        SafeTensors.save(f, t, Map.of("format", "pt"));
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new InspectCommand());
        cl.setOut(new PrintWriter(sw));
        assertEquals(0, cl.execute(f.toString()));
        String out = sw.toString();
        assertTrue(out.contains("weight_ih_l0") && out.contains("[2, 3]") && out.contains("F32"), out);
        assertTrue(out.contains("3.5000"), "mean of 1..6 missing: " + out);
        assertTrue(out.contains("2 tensors, 8 elements"), out);
        assertTrue(out.contains("format = pt"), out);
    }

    @Test
    void int64TensorsAreListedAsI64WithStatistics(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("idx.safetensors");
        SafeTensors.save(f, Map.of("index", Tensor.ofLongs(new long[] {2, 4, 9}, 3)));
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new InspectCommand());
        cl.setOut(new PrintWriter(sw));
        assertEquals(0, cl.execute(f.toString()));
        String out = sw.toString();
        assertTrue(out.contains("index") && out.contains("I64") && out.contains("[3]"), out);
        assertTrue(out.contains("5.0000"), "mean of 2, 4, 9 missing: " + out);
    }

    @Test
    void statsIgnoreNonFiniteValues() {
        double[] s = InspectCommand.stats(new float[] {1, Float.NaN, 3});
        assertEquals(1, s[0]);
        assertEquals(3, s[1]);
        assertEquals(2, s[2]);
        assertEquals(1, s[3], 1e-12);
    }

    @Test
    void damagedFileIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.safetensors");
        java.nio.file.Files.write(f, new byte[] {1, 2, 3});
        Cli r = Cli.run("inspect", f.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("rnn4j: error: " + f + " is not a valid safetensors file"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Cli missing = Cli.run("inspect", dir.resolve("none.safetensors").toString());
        assertEquals(2, missing.status(), missing.err());
    }

    @Test
    void onnxFileListsOpsetInputsOutputsAndNodes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lstm.onnx");
        org.rnn4j.io.Onnx.export(new org.rnn4j.nn.LSTM(3, 4, org.rnn4j.nn.LSTM.options().numLayers(2)), f,
                org.rnn4j.io.Onnx.options().opset(15));
        Cli r = Cli.run("inspect", f.toString());
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.contains("opset: ai.onnx 15"), out);
        assertTrue(out.contains("input  FLOAT [time, batch, 3]") && out.contains("c0  FLOAT [2, batch, 4]"), out);
        assertTrue(out.contains("h_n  FLOAT [2, batch, 4]"), out);
        assertTrue(out.contains("LSTM(") && out.contains("hidden_size=4") && out.contains("Concat("), out);
    }

    @Test
    void aModelFileShowsItsArchitectureBesideTheTensorsAndMetadata(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("model.safetensors");
        org.rnn4j.nn.Embedding emb = new org.rnn4j.nn.Embedding(10, 4, org.rnn4j.nn.Embedding.options().paddingIdx(0));
        emb.weight().requiresGrad(false);
        org.rnn4j.io.Models.save(f, new org.rnn4j.nn.Sequential(emb, new org.rnn4j.nn.Linear(4, 2),
                new org.rnn4j.nn.Tanh()), Map.of("vocabulary", "abc"));
        Cli r = Cli.run("inspect", f.toString());
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.contains("0.weight") && out.contains("[10, 4]") && out.contains("3 tensors, 50 elements"), out);
        assertTrue(out.contains("  vocabulary = abc") && out.contains("  rnn4j.model = {\"type\":\"Sequential\""), out);
        assertTrue(out.endsWith(String.join(System.lineSeparator(),
                "architecture: rnn4j model file, format version 1",
                "  Sequential(",
                "    (0): Embedding(10, 4, padding_idx=0)",
                "    (1): Linear(in_features=4, out_features=2, bias=True)",
                "    (2): Tanh()",
                "  )",
                "parameters: 3 tensors, 50 elements, 10 trainable", "")), out);

        Cli header = Cli.run("inspect", "--no-stats", f.toString());
        assertEquals(0, header.status(), header.err());
        assertTrue(header.out().contains("architecture: rnn4j model file, format version 1 (not rebuilt with"
                + " --no-stats; see rnn4j.model above)"), header.out());
        assertTrue(!header.out().contains("Sequential("), header.out());
    }

    @Test
    void aModelFileThatDoesNotRebuildIsListedThenRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("model.safetensors");
        org.rnn4j.io.Models.save(f, new org.rnn4j.nn.Linear(3, 2));
        byte[] bytes = java.nio.file.Files.readAllBytes(f);
        bytes[bytes.length - 1] ^= 0x01;
        java.nio.file.Files.write(f, bytes);
        Cli r = Cli.run("inspect", f.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("2 tensors, 8 elements") && r.out().contains("rnn4j.model = "), r.out());
        assertTrue(r.err().startsWith("rnn4j: error: " + f + ": data is damaged: CRC-32"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void damagedOnnxFileIsOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.onnx");
        java.nio.file.Files.write(f, new byte[] {0x3a, 0x7f, 1});
        Cli r = Cli.run("inspect", f.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("rnn4j: error: " + f + " is not a valid ONNX model"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
