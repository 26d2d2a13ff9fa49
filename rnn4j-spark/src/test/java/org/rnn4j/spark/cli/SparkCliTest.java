package org.rnn4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.spark.SparkTestSession;
import org.rnn4j.tasks.forecast.ForecastModel;
import org.rnn4j.tasks.forecast.ForecastModelFile;
import org.rnn4j.tasks.forecast.TrainerCheckpointFile;
import org.rnn4j.tensor.Tensor;

/** ./rnn4j spark's commands, run in-process on the tests' shared session. */
class SparkCliTest {
    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {}

    /** The commands attach to the running session (and leave it running) instead of starting their own. */
    @BeforeAll
    static void startTheSharedSession() {
        SparkTestSession.session();
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        int status = SparkMain.run(new PrintWriter(out), new PrintWriter(err), all.toArray(new String[0]));
        return new Result(status, out.toString(), err.toString());
    }

    /** A monthly series with a season of 12 and a trend, as a CSV file. */
    Path seriesCsv(int months) throws Exception {
        StringBuilder csv = new StringBuilder("month,sales\n");
        java.util.Random r = new java.util.Random(3);
        for (int t = 0; t < months; t++) {
            double y = (200 + t) * (1 + 0.25 * Math.sin(2 * Math.PI * t / 12)) + r.nextGaussian() * 2;
            csv.append(String.format(Locale.ROOT, "%04d-%02d,%.3f%n", 1990 + t / 12, t % 12 + 1, y));
        }
        Path f = tmp.resolve("sales.csv");
        Files.writeString(f, csv);
        return f;
    }

    @Test
    void forecastTrainWritesTheOutputsOfForecastTrainAndResumesFromItsCheckpoint() throws Exception {
        Path csv = seriesCsv(180);
        Path out = tmp.resolve("out");
        String[] args = {"forecast-train", "--master", SparkTestSession.MASTER, "--csv", csv.toString(), "--target",
            "sales", "--hidden", "6", "--epochs", "2", "--partitions", "2", "--checkpoint-every", "5", "--out",
            out.toString()};
        Result r = run(args);
        assertEquals(0, r.status(), r.err());
        for (String f : List.of("model.safetensors", "forecast.csv", "forecast.png", "loss.png", "metrics.json",
            "checkpoint.safetensors")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonObject metrics = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(2, metrics.get("epochs").getAsInt());
        assertTrue(metrics.getAsJsonObject("test").has("mase"));
        assertTrue(r.out().contains("test MASE"), r.out());
        int steps = new TrainerCheckpointFile(out.resolve("checkpoint.safetensors")).load().orElseThrow().position().step();
        assertEquals(30, steps, "2 epochs of 16 batches, checkpointed every 5");

        // the run is over: resuming from step 30 trains steps 31 and 32 and ends with the same model
        ForecastModel first = ForecastModelFile.load(out.resolve("model.safetensors"));
        List<String> resume = new ArrayList<>(List.of(args));
        resume.add("--resume");
        Result again = run(resume.toArray(new String[0]));
        assertEquals(0, again.status(), again.err());
        ForecastModel second = ForecastModelFile.load(out.resolve("model.safetensors"));
        for (Map.Entry<String, Tensor> e : first.net().stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toFloatArray(), second.net().stateDict().get(e.getKey()).toFloatArray(), 0f,
                    e.getKey());
        }
    }

    @Test
    void predictScoresParquetAndCsvAndWritesThemBack() throws Exception {
        Path csv = seriesCsv(180);
        Path trained = tmp.resolve("trained");
        assertEquals(0, run("forecast-train", "--master", SparkTestSession.MASTER, "--csv", csv.toString(), "--target",
                "sales", "--hidden", "4", "--epochs", "1", "--out", trained.toString()).status());
        Path modelFile = trained.resolve("model.safetensors");
        ForecastModel model = ForecastModelFile.load(modelFile);
        List<String> lines = Files.readAllLines(csv);
        double[] y = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        SparkSession spark = SparkTestSession.session();
        List<Row> rows = new ArrayList<>();
        List<double[]> histories = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double[] h = Arrays.copyOfRange(y, i * 3, i * 3 + model.lookback() + i % 5);
            histories.add(h);
            rows.add(RowFactory.create("s" + i, scala.jdk.javaapi.CollectionConverters.asScala(
                    Arrays.stream(h).boxed().toList()).toSeq()));
        }
        Path parquet = tmp.resolve("in.parquet");
        spark.createDataFrame(rows, new StructType().add("name", DataTypes.StringType)
                .add("sales", DataTypes.createArrayType(DataTypes.DoubleType))).write().parquet(parquet.toString());
        Path scored = tmp.resolve("scored");
        Result r = run("predict", "--master", SparkTestSession.MASTER, "--model", modelFile.toString(), "--input",
                parquet.toString(), "--out", scored.toString(), "--batch", "7");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("scored 40 sequences of " + parquet + ", 0 without a prediction"), r.out());
        double[][] expected = model.predictLast(histories, java.util.Collections.nCopies(40, new double[0][]));
        for (Row row : spark.read().parquet(scored.toString()).collectAsList()) {
            int i = Integer.parseInt(row.getString(0).substring(1));
            List<Double> p = row.getList(2);
            assertArrayEquals(expected[i], p.stream().mapToDouble(Double::doubleValue).toArray(), 0, row.getString(0));
        }

        Path seqCsv = tmp.resolve("in.csv");
        StringBuilder b = new StringBuilder("name,sales\n");
        for (int i = 0; i < 3; i++) {
            b.append("s").append(i).append(',').append(String.join(";", Arrays.stream(histories.get(i))
                    .mapToObj(Double::toString).toList())).append('\n');
        }
        b.append("tiny,1;2\n");
        Files.writeString(seqCsv, b);
        Path scoredCsv = tmp.resolve("scored-csv");
        r = run("predict", "--master", SparkTestSession.MASTER, "--model", modelFile.toString(), "--input",
                seqCsv.toString(), "--out", scoredCsv.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(", 1 without a prediction"), r.out());
        List<String> written = new ArrayList<>();
        try (var parts = Files.list(scoredCsv)) {
            for (Path part : parts.filter(p -> p.toString().endsWith(".csv")).toList()) written.addAll(Files.readAllLines(part));
        }
        String s0 = written.stream().filter(l -> l.startsWith("s0,")).findFirst().orElseThrow();
        double[] got = Arrays.stream(s0.substring(s0.lastIndexOf(',') + 1).split(";")).mapToDouble(Double::parseDouble)
                .toArray();
        assertArrayEquals(expected[0], got, 1e-9 * Math.abs(expected[0][0]), "CSV writes the shortest exact decimals");
        assertTrue(written.stream().anyMatch(l -> l.equals("tiny,1;2,")), String.join("\n", written));
    }

    @Test
    void badCommandLinesAreOneLineUsageErrors() throws Exception {
        Path notSpark = tmp.resolve("mine");
        Files.createDirectories(notSpark);
        Files.writeString(notSpark.resolve("notes.txt"), "keep me");
        Path model = tmp.resolve("m.safetensors");
        Files.writeString(model, "not a model");
        Result r = run("predict", "--model", model.toString(), "--input", "x.txt", "--out", notSpark.toString());
        assertEquals(2, r.status());
        assertEquals("rnn4j: error: Invalid value for option '--input': cannot tell the format of 'x.txt' (a .csv or"
                + " .parquet name); give --format csv|parquet (see 'rnn4j spark predict --help')", r.err().strip());
        r = run("predict", "--model", model.toString(), "--input", "x.csv", "--out", notSpark.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("holds files that Spark did not write"), r.err());
        assertTrue(Files.exists(notSpark.resolve("notes.txt")));
        r = run("forecast-train", "--csv", seriesCsv(120).toString(), "--target", "sales", "--partitions", "-1",
                "--out", tmp.resolve("o").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rnn4j: error: Invalid value for option '--partitions': expected an integer >= 0"
                + " but was '-1'"), r.err());
        assertTrue(r.err().strip().endsWith("(see 'rnn4j spark forecast-train --help')"), r.err());
        r = run("frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rnn4j: error: unknown command 'frobnicate': expected one of text-train,"
                + " forecast-train, predict, bench"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }
}
