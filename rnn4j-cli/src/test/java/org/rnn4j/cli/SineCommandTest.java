package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SineCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheThreeFiles() throws IOException {
        Path out = tmp.resolve("nested/sine");
        Cli r = Cli.run("sine", "--iterations", "5", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("forecast MSE"), r.out());
        assertTrue(r.out().contains("ms/iteration"), r.out());

        List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("t,truth,prediction", csv.get(0));
        assertTrue(csv.size() > 2, "rows: " + csv.size());
        int empty = 0;
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            assertEquals(3, cells.length, row);
            Float.parseFloat(cells[0]);
            Float.parseFloat(cells[1]);
            if (cells[2].isEmpty()) empty++;
            else Float.parseFloat(cells[2]);
        }

        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        for (String key : List.of("iterations", "final_loss", "autoregressive_mse", "ms_per_iteration",
                "train_seconds", "seed", "cell", "hidden", "layers", "lr", "mode", "warmup_points", "jdk")) {
            assertTrue(m.has(key), "metrics.json lacks " + key + ": " + m);
        }
        assertEquals(5, m.get("iterations").getAsInt());
        assertEquals("rnn", m.get("cell").getAsString());
        assertEquals("warmup", m.get("mode").getAsString());
        assertEquals(m.get("warmup_points").getAsInt(), empty, "one empty prediction per given point");
        assertTrue(m.get("ms_per_iteration").getAsDouble() > 0);

        byte[] png = Files.readAllBytes(out.resolve("sine.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void otherCellsAndTheTutorialMode() throws IOException {
        for (String cell : List.of("lstm", "gru")) {
            Path out = tmp.resolve(cell);
            Cli r = Cli.run("sine", "--iterations", "3", "--cell", cell, "--hidden", "8", "--layers", "1",
                    "--mode", "tutorial", "--seed", "7", "--lr", "0.01", "--out", out.toString());
            assertEquals(0, r.status(), r.err());
            JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
            assertEquals(cell, m.get("cell").getAsString());
            assertEquals("tutorial", m.get("mode").getAsString());
            assertEquals(8, m.get("hidden").getAsInt());
            assertEquals(7, m.get("seed").getAsLong());
        }
    }

    @Test
    void progressLinesGoToStderrWhenNotATerminal() {
        Cli r = Cli.run("sine", "--iterations", "8", "--out", tmp.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("sine: 8/8 iterations, loss "), r.err());
    }

    @Test
    void unusableOutputIsAUsageErrorBeforeTraining() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli r = Cli.run("sine", "--out", file.resolve("sub").toString());
        assertEquals(2, r.status());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("rnn4j: error: Invalid value for option '--out'"), r.err());
        assertEquals("", r.out(), "nothing trained");
    }

    @Test
    void aFailedRunLeavesPreviousResultsAlone() throws IOException {
        Files.writeString(tmp.resolve("metrics.json"), "{\"previous\": true}\n", StandardCharsets.UTF_8);
        Cli r = Cli.run("sine", "--iterations", "2", "--lr", "-1", "--out", tmp.toString());
        assertEquals(2, r.status());
        assertEquals("{\"previous\": true}\n", Files.readString(tmp.resolve("metrics.json")));
    }
}
