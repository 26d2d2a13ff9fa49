package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchCommandTest {
    @ParameterizedTest
    @CsvSource({"rnn,train", "lstm,train", "gru,train", "rnn,infer", "lstm,infer", "gru,infer"})
    void jsonIsOneParseableLine(String cell, String mode) {
        Cli r = Cli.run("bench", "--cell", cell, "--seq", "6", "--batch", "2", "--input", "3", "--hidden", "4",
                "--layers", "2", "--mode", mode, "--iters", "3", "--warmup", "1", "--no-jit-settle", "--json");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\\R");
        assertEquals(1, lines.length, r.out());
        JsonObject j = JsonParser.parseString(lines[0]).getAsJsonObject();
        for (String key : List.of("ms_per_step", "ms_min", "ms_max", "gflops", "peak_heap_mb", "allocated_kb_per_step",
                "jdk", "iters")) {
            assertTrue(j.has(key), "missing " + key + " in " + lines[0]);
        }
        assertEquals(3, j.get("iters").getAsInt());
        assertEquals(1, j.get("warmup").getAsInt());
        assertEquals(cell, j.get("cell").getAsString());
        assertEquals(mode, j.get("mode").getAsString());
        double median = j.get("ms_per_step").getAsDouble();
        assertTrue(median > 0, lines[0]);
        assertTrue(j.get("ms_min").getAsDouble() <= median && median <= j.get("ms_max").getAsDouble(), lines[0]);
    }

    @ParameterizedTest
    @CsvSource({"lstm,train", "gru,infer"})
    void charlmRunsAndSaysSo(String cell, String mode) {
        Cli r = Cli.run("bench", "--model", "charlm", "--vocab", "11", "--cell", cell, "--seq", "5", "--batch", "2",
                "--input", "3", "--hidden", "4", "--layers", "2", "--mode", mode, "--iters", "2", "--warmup", "1",
                "--no-jit-settle", "--json");
        assertEquals(0, r.status(), r.err());
        JsonObject j = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        assertEquals("charlm", j.get("model").getAsString());
        assertEquals(11, j.get("vocab").getAsInt());
        // the head's flops join the stack's: 2*T*B*H*V
        double stack = 2.0 * 5 * 2 * (cell.equals("lstm") ? 4 : 3) * 4 * ((3 + 4) + (4 + 4));
        double expected = (stack + 2.0 * 5 * 2 * 4 * 11) * (mode.equals("train") ? 3 : 1) / 1e9;
        assertEquals(expected, j.get("gflop_per_step").getAsDouble(), expected * 1e-3);
        assertTrue(j.get("allocated_kb_per_step").getAsDouble() > 0, r.out());
    }

    @ParameterizedTest
    @CsvSource({"rnn,1", "lstm,4", "gru,3"})
    void flopCountFollowsTheGemms(String cell, int gates) {
        BenchCommand b = new BenchCommand();
        b.cell = Cell.valueOf(cell);
        b.seq = 10;
        b.batch = 2;
        b.input = 5;
        b.hidden = 7;
        b.layers = 2;
        double expected = 2.0 * 10 * 2 * gates * 7 * (5 + 7) + 2.0 * 10 * 2 * gates * 7 * (7 + 7);
        assertEquals(expected, b.forwardFlops(), 1e-9);
    }

    @org.junit.jupiter.api.Test
    void bidirectionalCountsBothDirectionsAndTheWiderInput() {
        BenchCommand b = new BenchCommand();
        b.cell = Cell.lstm;
        b.seq = 10;
        b.batch = 2;
        b.input = 5;
        b.hidden = 7;
        b.layers = 2;
        b.bidirectional = true;
        double expected = 2 * (2.0 * 10 * 2 * 4 * 7 * (5 + 7)) + 2 * (2.0 * 10 * 2 * 4 * 7 * (2 * 7 + 7));
        assertEquals(expected, b.forwardFlops(), 1e-9);
        Cli r = Cli.run("bench", "--cell", "gru", "--seq", "5", "--batch", "2", "--input", "3", "--hidden", "4",
                "--layers", "2", "--bidirectional", "--iters", "2", "--warmup", "0", "--no-jit-settle", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(JsonParser.parseString(r.out().trim()).getAsJsonObject().get("bidirectional").getAsBoolean());
    }

    @org.junit.jupiter.api.Test
    void jitSettlingAddsUntimedStepsAfterTheWarmup() {
        Cli r = Cli.run("bench", "--cell", "rnn", "--seq", "4", "--batch", "1", "--input", "1", "--hidden", "3",
                "--layers", "1", "--iters", "2", "--warmup", "1", "--json");
        assertEquals(0, r.status(), r.err());
        // a fresh JVM's compiler is busy with the first steps: at least 0.5 s of further steps
        assertTrue(JsonParser.parseString(r.out().trim()).getAsJsonObject().get("warmup").getAsInt() > 1, r.out());
    }

    @org.junit.jupiter.api.Test
    void humanReportNamesTheNumbers() {
        Cli r = Cli.run("bench", "--cell", "rnn", "--seq", "4", "--batch", "1", "--input", "1", "--hidden", "3",
                "--layers", "1", "--iters", "2", "--warmup", "0");
        assertEquals(0, r.status(), r.err());
        for (String s : List.of("median", "min", "max", "GFLOP/s", "peak heap", "JDK")) {
            assertTrue(r.out().contains(s), s + " missing in\n" + r.out());
        }
    }

    @ParameterizedTest
    @CsvSource({"lstm,train,false", "gru,train,true", "rnn,infer,false", "lstm,infer,true"})
    void variableLengthsRunPackedOrPadded(String cell, String mode, boolean padded) {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--cell", cell, "--seq", "7", "--batch", "5",
                "--input", "3", "--hidden", "4", "--layers", "2", "--mode", mode, "--lengths", "uniform", "--iters", "2",
                "--warmup", "1", "--no-jit-settle", "--json"));
        if (padded) args.add("--padded");
        Cli r = Cli.run(args.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        JsonObject j = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        assertEquals("uniform", j.get("lengths").getAsString());
        assertEquals(padded, j.get("padded").getAsBoolean());
        double mean = j.get("mean_length").getAsDouble();
        assertTrue(mean >= 4 && mean <= 7, r.out());
    }

    @org.junit.jupiter.api.Test
    void paddedNeedsVariableLengths() {
        Cli r = Cli.run("bench", "--padded", "--iters", "1", "--warmup", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--padded needs --lengths uniform"), r.err());
        Cli bad = Cli.run("bench", "--lengths", "random");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("expected one of [full, uniform]"), bad.err());
    }

    @org.junit.jupiter.api.Test
    void uniformLengthsLieInTheUpperHalfAndFollowTheSeed() {
        int[] a = BenchSteps.uniformLengths(100, 64, 0);
        assertEquals(64, a.length);
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int len : a) {
            assertTrue(len >= 50 && len <= 100, "length " + len);
            seen.add(len);
        }
        assertTrue(seen.size() > 20, "spread over the range: " + seen);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, BenchSteps.uniformLengths(100, 64, 0));
        assertTrue(!java.util.Arrays.equals(a, BenchSteps.uniformLengths(100, 64, 1)), "another seed, other lengths");
        for (int len : BenchSteps.uniformLengths(1, 9, 3)) assertEquals(1, len);
        for (int len : BenchSteps.uniformLengths(7, 50, 3)) assertTrue(len >= 4 && len <= 7, "T=7: " + len);
    }

    @org.junit.jupiter.api.Test
    void packedFlopsCountTheRowsRun() {
        BenchCommand b = new BenchCommand();
        b.cell = Cell.gru;
        b.seq = 10;
        b.batch = 2;
        b.input = 5;
        b.hidden = 7;
        b.layers = 1;
        b.rows = 13;  // lengths 6 and 7
        assertEquals(2.0 * 13 * 3 * 7 * (5 + 7), b.forwardFlops(), 1e-9);
    }
}
