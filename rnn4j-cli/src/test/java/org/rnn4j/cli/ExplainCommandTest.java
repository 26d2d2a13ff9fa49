package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExplainCommandTest {
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

    /** The row of the table starting with name, split into its cells. */
    private String row(String name) {
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + out)).replaceAll("\\s{2,}", " | ");
    }

    @Test
    void elmanWithNoOptionsIsTheTutorialExample() {
        assertEquals(0, run("elman"), err);
        assertTrue(out.startsWith("ElmanNetwork(2, 2, 2, bias=False, activation=identity)"), out);
        assertEquals("x | [1, 1] | [1, 1] | [2, 2]", row("x"));
        assertEquals("a | [2, 2] | [6, 6] | [16, 16]", row("a"));
        assertEquals("y | [4, 4] | [12, 12] | [32, 32]", row("y"));
    }

    @Test
    void jordanFeedsBackTheOutput() {
        assertEquals(0, run("jordan"), err);
        assertEquals("y_prev | [0, 0] | [4, 4] | [20, 20]", row("y_prev"));
        assertEquals("y | [4, 4] | [20, 20] | [88, 88]", row("y"));
    }

    @Test
    void lstmShowsEveryGate() {
        assertEquals(0, run("lstm", "--no-bias", "--activation", "identity", "--gate-activation", "identity",
                "--hidden", "1", "--input", "1;2"), err);
        // ones, identity: pre = x + h; c = f c + i g; h = o c
        assertEquals("pre_i | [1] | [3]", row("pre_i"));
        assertEquals("c | [1] | [12]", row("c"));
        assertEquals("h | [1] | [36]", row("h"));
    }

    @Test
    void gruAndPeepholeAndRandomWeightsRun() {
        assertEquals(0, run("gru", "--weights", "random", "--seed", "3", "--input", "0.5,-1;1,2"), err);
        assertTrue(out.contains("pre_n") && out.contains("weights: random (seed 3)"), out);
        assertEquals(0, run("lstm", "--peephole", "--weights", "random"), err);
        assertTrue(out.contains("w_ci*c_prev"), out);
    }

    @Test
    void memoryCellPreset() {
        assertEquals(0, run("lstm", "--weights", "memory-cell"), err);
        assertTrue(out.contains("inputs per step: [value, store, forget, emit]"), out);
        assertEquals("h | [1.03e-8] | [1.03e-8] | [1.03e-8] | [5] | [2.12e-17] | [1.03e-8] | [7]", row("h"));
        assertEquals("c | [5] | [5] | [5] | [5] | [1.03e-8] | [1.03e-8] | [7]", row("c"));
    }

    @Test
    void pngIsWritten(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("lstm.png");
        assertEquals(0, run("lstm", "--png", png.toString()), err);
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, run("rnn"));
        assertTrue(err.contains("unknown cell 'rnn': expected elman, jordan, lstm or gru"), err);
        assertEquals(2, run("elman", "--input", "1,1;1"));
        assertTrue(err.contains("--input step 1 has 1 values but step 0 has 2"), err);
        assertEquals(2, run("elman", "--input", "1,x"));
        assertTrue(err.contains("'x' is not a number"), err);
        assertEquals(2, run("gru", "--peephole"));
        assertTrue(err.contains("--peephole does not apply to gru"), err);
        assertEquals(2, run("lstm", "--output", "3"));
        assertEquals(2, run("elman", "--activation", "softmax"));
        assertTrue(err.contains("Unknown activation 'softmax'"), err);
        assertEquals(2, run("elman", "--hidden", "0"));
        assertEquals(2, run("elman", "--weights", "memory-cell"));
        assertTrue(err.contains("memory-cell holds lstm weights, not elman"), err);
        assertEquals(2, run("lstm", "--weights", "memory-cell", "--hidden", "3"));
        assertTrue(err.contains("--hidden is read from the weights"), err);
        assertEquals(2, run("lstm", "--weights", "memory-cell", "--input", "1,1"));
        assertEquals(2, run("elman", "--weights", "nonsense"));
    }
}
