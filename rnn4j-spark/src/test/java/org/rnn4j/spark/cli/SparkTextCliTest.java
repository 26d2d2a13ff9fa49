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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.cli.Main;
import org.rnn4j.io.Models;
import org.rnn4j.spark.SparkTestSession;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tasks.text.TextCheckpoint;
import org.rnn4j.tensor.Tensor;

/** ./rnn4j spark text-train, run in-process on the tests' shared session. */
class SparkTextCliTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void startTheSharedSession() {
        SparkTestSession.session();
    }

    static SparkCliTest.Result rnn4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new SparkCliTest.Result(status, out.toString(), err.toString());
    }

    Path text(int n) throws Exception {
        StringBuilder sb = new StringBuilder();
        String[] words = {"in", "the", "beginning", "was", "word", "and", "light", "shone"};
        for (int i = 0; sb.length() < n; i++) {
            sb.append(words[(i * 7 + i / 3) % words.length]).append(i % 9 == 8 ? ".\n" : " ");
        }
        Path f = tmp.resolve("t.txt");
        Files.writeString(f, sb.substring(0, n));
        return f;
    }

    static Map<String, Tensor> weights(Path model) throws Exception {
        return Models.load(model, CharLanguageModel.class).stateDict();
    }

    @Test
    void textTrainWritesTheOutputsOfTextTrainAndItsCheckpointResumesInOneJvm() throws Exception {
        Path text = text(600);
        Path out = tmp.resolve("out");
        SparkCliTest.Result r = SparkCliTest.run("text-train", "--master", SparkTestSession.MASTER, "--text",
                text.toString(), "--embed", "6", "--hidden", "8", "--layers", "1", "--batch", "6", "--seq", "8",
                "--steps", "6", "--eval-every", "3", "--checkpoint-every", "4", "--partitions", "3", "--out",
                out.toString());
        assertEquals(0, r.status(), r.err());
        for (String f : List.of("model.safetensors", "checkpoint.safetensors", "loss.png", "metrics.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonObject metrics = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(6, metrics.get("steps").getAsInt());
        assertEquals(2, metrics.getAsJsonArray("validation").size(), "steps 3 and 6");
        assertTrue(r.out().contains("validation ") && r.out().contains(" bpc after 6 steps"), r.out());
        assertEquals(6, TextCheckpoint.read(out.resolve("checkpoint.safetensors")).step());

        // single-JVM text train resumes the Spark driver's checkpoint (here: a finished run, so the same model)
        Map<String, Tensor> spark = weights(out.resolve("model.safetensors"));
        SparkCliTest.Result again = rnn4j("text", "train", "--text", text.toString(), "--resume", "--out", out.toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("resuming at step 6 of 6"), again.out());
        Map<String, Tensor> local = weights(out.resolve("model.safetensors"));
        for (String k : spark.keySet()) assertArrayEquals(spark.get(k).toFloatArray(), local.get(k).toFloatArray(), 0f, k);

        // and the other way round: spark text-train --resume takes the options from the checkpoint
        r = SparkCliTest.run("text-train", "--master", SparkTestSession.MASTER, "--text", text.toString(), "--resume",
                "--partitions", "2", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("resuming at step 6 of 6"), r.out());
    }

    @Test
    void badCommandLinesAreOneLineUsageErrors() throws Exception {
        Path text = text(600);
        String o = tmp.resolve("o").toString();
        List<String[]> cases = new ArrayList<>();
        Path empty = tmp.resolve("empty.txt");
        Files.writeString(empty, "");
        cases.add(new String[] {"text-train", "--text", empty.toString(), "--out", o});
        cases.add(new String[] {"text-train", "--text", text.toString(), "--partitions", "-1", "--out", o});
        cases.add(new String[] {"text-train", "--text", text.toString(), "--dropout", "0.2", "--out", o});
        cases.add(new String[] {"text-train", "--text", text.toString(), "--steps", "0", "--out", o});
        cases.add(new String[] {"text-train", "--text", text.toString(), "--weights", "carrier-pigeon", "--out", o});
        cases.add(new String[] {"text-train", "--text", text.toString(), "--resume", "--out", o});
        List<String> expected = List.of(
                "rnn4j: error: " + empty + ": the text is empty (see 'rnn4j spark text-train --help')",
                "rnn4j: error: Invalid value for option '--partitions': expected an integer >= 0 but was '-1' (see 'rnn4j"
                        + " spark text-train --help')",
                "rnn4j: error: Invalid value for option '--dropout': expected 0 on Spark (the masks of single-JVM training"
                        + " cannot be drawn lane by lane; train with dropout in one JVM with 'rnn4j text train') but was"
                        + " '0.2' (see 'rnn4j spark text-train --help')",
                "rnn4j: error: Invalid value for option '--steps': expected an integer > 0 but was '0' (see 'rnn4j spark"
                        + " text-train --help')",
                "rnn4j: error: Invalid value for option '--weights': expected one of [BROADCAST, TASK] (case-insensitive)"
                        + " but was 'carrier-pigeon' (see 'rnn4j spark text-train --help')",
                "rnn4j: error: --resume: there is no checkpoint to resume in " + o + " (no checkpoint.safetensors) (see"
                        + " 'rnn4j spark text-train --help')");
        for (int i = 0; i < cases.size(); i++) {
            SparkCliTest.Result r = SparkCliTest.run(cases.get(i));
            assertEquals(2, r.status(), String.join(" ", cases.get(i)) + ": " + r.err());
            assertEquals(expected.get(i), r.err().strip(), String.join(" ", cases.get(i)));
            assertFalse(r.err().contains("\tat "), "no stack trace");
        }
    }
}
