package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {
    @TempDir
    Path tmp;

    /** 120 months of a growing seasonal series. */
    private Path monthly() throws IOException {
        StringBuilder sb = new StringBuilder("month,sales\n");
        for (int t = 0; t < 120; t++) {
            sb.append(String.format(Locale.ROOT, "%04d-%02d,%.3f%n", 2010 + t / 12, t % 12 + 1,
                    (50 + t) * (1 + 0.3 * Math.sin(2 * Math.PI * t / 12))));
        }
        return write("sales.csv", sb.toString());
    }

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static final String[] FAST = {"--epochs", "2", "--hidden", "8"};

    private Cli train(Path csv, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("forecast", "train", "--csv", csv.toString(), "--target",
                "sales", "--out", out.toString()));
        args.addAll(Arrays.asList(FAST));
        args.addAll(Arrays.asList(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void trainWritesTheFiveFilesAndPredictContinuesTheSeries() throws IOException {
        Path out = tmp.resolve("out");
        Cli r = train(monthly(), out);
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertTrue(lines[0].contains("120 points, monthly, no gaps; season 12, horizon 12, lookback"), lines[0]);
        assertTrue(lines[lines.length - 1].startsWith("test MASE "), lines[lines.length - 1]);
        assertTrue(lines[lines.length - 1].contains("seasonal naive's"), lines[lines.length - 1]);

        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        for (String k : List.of("test", "baselines", "season", "horizon", "lookback", "train_points", "test_points",
                "epochs", "seconds")) {
            assertTrue(m.has(k), "metrics.json lacks " + k);
        }
        for (JsonObject o : List.of(m.getAsJsonObject("test"), m.getAsJsonObject("baselines").getAsJsonObject("naive"),
                m.getAsJsonObject("baselines").getAsJsonObject("seasonal_naive"))) {
            for (String k : List.of("mae", "rmse", "smape", "mase")) assertTrue(o.get(k).getAsDouble() >= 0, k);
        }
        assertEquals(12, m.get("season").getAsInt());
        assertEquals(24, m.get("test_points").getAsInt());
        assertEquals(96, m.get("train_points").getAsInt());

        List<String> csv = Files.readAllLines(out.resolve("forecast.csv"));
        assertEquals("origin,step,time,truth,prediction", csv.get(0));
        assertEquals(1 + (24 - 12 + 1) * 12, csv.size(), "13 origins x 12 steps");
        assertEquals("95,1,2018-01", String.join(",", Arrays.copyOf(csv.get(1).split(","), 3)));
        for (String png : List.of("forecast.png", "loss.png")) {
            byte[] b = Files.readAllBytes(out.resolve(png));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(b, 4));
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(5, files.count(), "no temporary files left behind");
        }

        Cli p = Cli.run("forecast", "predict", "--model", out.resolve("model.safetensors").toString(), "--csv",
                monthly().toString(), "--horizon", "3");
        assertEquals(0, p.status(), p.err());
        String[] rows = p.out().strip().split("\\R");
        assertEquals("step,time,prediction", rows[0]);
        assertEquals(4, rows.length);
        assertTrue(rows[1].startsWith("1,2020-01,"), rows[1]);
        assertTrue(rows[3].startsWith("3,2020-03,"), rows[3]);
        Double.parseDouble(rows[3].split(",")[2]);

        Cli tooFar = Cli.run("forecast", "predict", "--model", out.resolve("model.safetensors").toString(), "--csv",
                monthly().toString(), "--horizon", "13");
        assertEquals(2, tooFar.status());
        assertTrue(tooFar.err().contains("at most the model's horizon 12"), tooFar.err());
    }

    @Test
    void badSeriesAreOneLineNamingRowAndColumnWithNothingWritten() throws IOException {
        String[][] cases = {
            {"month,sales\n2020-01,1\n2020-02,2\n2020-02,3\n", "row 4, column 'month': duplicate time 2020-02"},
            {"month,sales\n2020-02,1\n2020-01,2\n", "row 3, column 'month': 2020-01 comes before 2020-02"},
            {"month,sales\n2020-01,1\n2020-02,lots\n", "row 3, column 'sales': 'lots' is not a number"},
            {"month,revenue\n2020-01,1\n", "row 1, column 'sales': no such column"},
            {"month,sales\n2020-01,1\n2020-02,2\n", "too short for lookback"},
        };
        for (String[] c : cases) {
            Path out = tmp.resolve("never");
            Cli r = train(write("bad.csv", c[0]), out);
            assertEquals(2, r.status(), c[1] + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().startsWith("rnn4j: error: "), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(Files.exists(out), "nothing written for " + c[1]);
        }
    }

    @Test
    void badOptions() throws IOException {
        Path csv = monthly();
        Cli noFile = Cli.run("forecast", "train", "--csv", tmp.resolve("nope.csv").toString(), "--target", "sales");
        assertEquals(2, noFile.status());
        assertTrue(noFile.err().contains("is not a readable file"), noFile.err());
        Cli same = train(csv, tmp.resolve("o"), "--features", "sales");
        assertEquals(2, same.status());
        assertTrue(same.err().contains("also listed as a feature"), same.err());
        Cli lookback = train(csv, tmp.resolve("o"), "--lookback", "5");
        assertEquals(2, lookback.status());
        assertTrue(lookback.err().contains("lookback 5 must be at least the season 12"), lookback.err());
        Cli group = Cli.run("forecast");
        assertEquals(2, group.status());
        assertTrue(group.err().contains("train") && group.err().contains("predict"), group.err());
    }
}
