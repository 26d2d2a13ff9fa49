package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.Models;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.ElmanNetwork;
import org.rnn4j.nn.LSTM;
import org.rnn4j.nn.Linear;
import org.rnn4j.tensor.Tensor;

/**
 * What {@code rnn4j export --onnx} refuses: each is one line on stderr naming the file and the
 * problem, exit status 2, and the output is left as it was (here: an existing file that must
 * survive, and no temporary file beside it).
 */
class ExportCommandErrorsTest {
    @TempDir
    Path dir;

    private Path out;

    @BeforeEach
    void existingOutput() throws Exception {
        out = dir.resolve("out.onnx");
        Files.writeString(out, "previous export");
    }

    /**
     * Runs the command, checks the common form of a refusal, and returns the message between
     * "rnn4j: error: " and the usage hint every exit-2 error ends with.
     */
    private String refused(String... args) throws Exception {
        Cli r = Cli.run(args);
        assertEquals(2, r.status(), "status; stderr: " + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("rnn4j: error: "), r.err());
        assertEquals("previous export", Files.readString(out), "the output is untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
        String hint = " (see 'rnn4j export --help')";
        assertTrue(r.err().strip().endsWith(hint), r.err());
        String m = r.err().strip();
        return m.substring("rnn4j: error: ".length(), m.length() - hint.length());
    }

    private String export(Path model, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("export", "--onnx", out.toString()));
        args.addAll(Arrays.asList(options));
        args.add(model.toString());
        return refused(args.toArray(new String[0]));
    }

    private Path modelFile(org.rnn4j.nn.Module m) throws Exception {
        Path p = dir.resolve("model.safetensors");
        Models.save(p, m);
        return p;
    }

    @Test
    void missingOrDamagedModelFile() throws Exception {
        Path none = dir.resolve("none.safetensors");
        assertEquals(none + ": no such file", export(none));
        Path model = modelFile(new Linear(3, 2));
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length - 5));
        String m = export(model);
        assertTrue(m.startsWith(model + ": tensor 'bias': data_offsets [24, 32] lie outside the data buffer"), m);
        bytes[bytes.length - 2] ^= 0x40;
        Files.write(model, bytes);
        m = export(model);
        assertTrue(m.startsWith(model + ": data is damaged: CRC-32"), m);
        assertTrue(export(dir).startsWith(dir + ": "));
    }

    @Test
    void aPlainStateDictHasNoArchitecture() throws Exception {
        Path plain = dir.resolve("weights.safetensors");
        SafeTensors.save(plain, new Linear(3, 2).stateDict());
        assertEquals("not a self-describing model file: " + plain + " holds tensors but no architecture (its metadata"
                + " has no rnn4j.format entry); write it with org.rnn4j.io.Models.save, which stores the module's type"
                + " and options beside its weights", export(plain));
        Path checkpoint = dir.resolve("ckpt.safetensors");
        SafeTensors.save(checkpoint, Map.of("w", Tensor.zeros(1)), Map.of("rnn4j.format", "checkpoint",
                "rnn4j.format_version", "1"));
        assertTrue(export(checkpoint).startsWith(checkpoint + ": an rnn4j checkpoint file, not a model file"));
    }

    @Test
    void aModuleOnnxCannotExpress() throws Exception {
        Path elman = modelFile(new ElmanNetwork(3, 4, 2));
        String m = export(elman);
        assertTrue(m.startsWith("cannot export " + elman + " to ONNX: ONNX export does not support ElmanNetwork modules;"
                + " supported: [RNN, LSTM, GRU, Linear"), m);
        Path projected = modelFile(new LSTM(3, 4, LSTM.options().projSize(2)));
        assertEquals("cannot export " + projected + " to ONNX: ONNX export: LSTM with proj_size=2 cannot be expressed:"
                + " ONNX's LSTM op has no projection (proj_size must be 0)", export(projected));
    }

    @Test
    void badOptionsAndUnwritableOutputs() throws Exception {
        Path model = modelFile(new Linear(3, 2));
        assertEquals("Invalid value for option '--opset': expected an integer from 14 to 21 but was '13'",
                export(model, "--opset", "13"));
        assertTrue(export(model, "--opset", "22").contains("but was '22'"));
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file, not a folder");
        String m = refused("export", "--onnx", blocker.resolve("x.onnx").toString(), model.toString());
        assertTrue(m.startsWith("Invalid value for option '--onnx': expected a writable directory but '" + blocker
                + "' is not usable"), m);
        m = refused("export", "--onnx", dir.toString(), model.toString());
        assertTrue(m.startsWith("Invalid value for option '--onnx': '" + dir + "' is a directory"), m);
        assertTrue(refused("export", model.toString()).startsWith("Missing required option: '--onnx=OUT.onnx'"));
        assertTrue(refused("export", "--onnx", out.toString()).startsWith("Missing required parameter: 'MODEL.safetensors'"));
    }
}
