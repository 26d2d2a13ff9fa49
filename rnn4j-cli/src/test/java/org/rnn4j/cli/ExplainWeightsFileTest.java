package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.cli.explain.MemoryCell;
import org.rnn4j.cli.explain.StoredWeights;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.JordanNetwork;
import org.rnn4j.tensor.Tensor;
import picocli.CommandLine;

/** {@code explain --weights FILE.safetensors}, and the committed memory-cell example file. */
class ExplainWeightsFileTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "memory-cell.safetensors");

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = new CommandLine(new ExplainCommand());
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int status = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return status;
    }

    private String row(String name) {
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + out)).replaceAll("\\s{2,}", " | ");
    }

    @Test
    void theExampleFileIsTheMemoryCellPreset() throws Exception {
        Map<String, Tensor> file = SafeTensors.load(EXAMPLE);
        Map<String, Tensor> preset = MemoryCell.stateDict();
        assertEquals(preset.keySet(), file.keySet());
        preset.forEach((k, v) -> {
            assertArrayEquals(v.shape(), file.get(k).shape(), k);
            assertArrayEquals(v.toFloatArray(), file.get(k).toFloatArray(), k);
        });
        assertEquals(MemoryCell.metadata(), SafeTensors.metadata(EXAMPLE));
    }

    @Test
    void explainWithTheExampleFileShowsTheMemoryCellWorking() {
        assertEquals(0, run("lstm", "--weights", EXAMPLE.toString()), err);
        assertTrue(out.startsWith("LSTM(4, 1, activation=identity)"), out);
        assertEquals("h | [1.03e-8] | [1.03e-8] | [1.03e-8] | [5] | [2.12e-17] | [1.03e-8] | [7]", row("h"));
        assertEquals(0, run("lstm", "--weights", EXAMPLE.toString(), "--input", "2,1,0,0;0,0,0,1"), err);
        assertEquals("h | [4.12e-9] | [2]", row("h"));
    }

    @Test
    void aSavedStateDictBringsItsSizes(@TempDir Path dir) throws Exception {
        Tensor.manualSeed(4);
        JordanNetwork net = new JordanNetwork(3, 5, 1, JordanNetwork.options().bias(false));
        Path file = dir.resolve("jordan.safetensors");
        SafeTensors.save(file, net.stateDict(), Map.of(StoredWeights.ACTIVATION, "relu"));
        assertEquals(0, run("jordan", "--weights", file.toString(), "--input", "1,2,3;0,0,1"), err);
        assertTrue(out.startsWith("JordanNetwork(3, 5, 1, bias=False, activation=relu)"), out);
        assertEquals(0, run("jordan", "--weights", file.toString(), "--input", "1,2,3", "--activation", "sigmoid"), err);
        assertTrue(out.startsWith("JordanNetwork(3, 5, 1, bias=False, activation=sigmoid)"), out);
        assertEquals(2, run("jordan", "--weights", file.toString(), "--input", "1,2"));
        assertTrue(err.contains("--input has 2 values per step but the network takes 3"), err);
        assertEquals(2, run("elman", "--weights", file.toString(), "--input", "1,2,3"));
        assertTrue(err.contains("has no 'weight_hh'") || err.contains("Unexpected key(s) in state_dict: \"weight_yh\""),
                err);
        assertEquals(2, run("jordan", "--weights", file.toString(), "--hidden", "2"));
        assertEquals(2, run("lstm", "--weights", dir.resolve("missing.safetensors").toString()));
        assertTrue(err.contains("no such file"), err);
        assertEquals(Activation.RELU, Activation.parse(SafeTensors.metadata(file).get(StoredWeights.ACTIVATION)));
    }
}
