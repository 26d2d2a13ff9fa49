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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.Models;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.CellType;
import org.rnn4j.tasks.text.BitsPerCharacter;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tasks.text.TextCorpus;
import org.rnn4j.tasks.text.TextListener;
import org.rnn4j.tasks.text.TextOptions;
import org.rnn4j.tasks.text.TextTrainer;
import org.rnn4j.tensor.Tensor;

class TextCommandTest {
    @TempDir
    Path tmp;

    private static final String[] SMALL = {"--embed", "4", "--hidden", "8", "--layers", "1", "--seq", "8", "--batch",
        "4", "--steps", "6", "--eval-every", "3", "--checkpoint-every", "2", "--dropout", "0.1"};

    private static TextOptions small() {
        return TextOptions.options().cell(CellType.LSTM).embed(4).hidden(8).layers(1).seq(8).batch(4).steps(6)
                .evalEvery(3).checkpointEvery(2).dropout(0.1);
    }

    private Path text() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 600; i++) sb.append(i % 3 == 0 ? "and God said " : "let there be light\n");
        Path f = tmp.resolve("genesis.txt");
        Files.writeString(f, sb.substring(0, 600));
        return f;
    }

    private static Cli train(Path text, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("text", "train", "--text", text.toString(), "--out", out.toString()));
        args.addAll(Arrays.asList(SMALL));
        args.addAll(Arrays.asList(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void trainWritesTheModelCheckpointChartAndMetricsAndSampleUsesTheModel() throws Exception {
        Path text = text();
        Path out = tmp.resolve("out");
        Cli r = train(text, out);
        assertEquals(0, r.status(), r.err());
        for (String f : List.of("model.safetensors", "checkpoint.safetensors", "loss.png", "metrics.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String[] lines = r.out().strip().split("\\R");
        assertTrue(lines[0].startsWith("genesis.txt: 600 characters, 16 distinct; 540 train in 4 lanes of 135"), lines[0]);
        assertTrue(lines[lines.length - 1].startsWith("validation "), lines[lines.length - 1]);
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        for (String k : List.of("steps", "train_bpc", "val_bpc", "vocab_size", "ms_per_step", "seconds")) {
            assertTrue(m.has(k), k + " in " + m);
        }
        assertEquals(6, m.get("steps").getAsInt());
        assertEquals(16, m.get("vocab_size").getAsInt());
        assertEquals(2, m.getAsJsonArray("validation").size());

        // the model file alone gives the validation bpc of metrics.json
        CharLanguageModel model = Models.load(out.resolve("model.safetensors"), CharLanguageModel.class);
        TextCorpus corpus = TextCorpus.read(text);
        assertEquals(m.get("val_bpc").getAsDouble(), BitsPerCharacter.of(model, corpus.validation(), 8), 0.0);

        Cli s = Cli.run("text", "sample", "--model", out.resolve("model.safetensors").toString(), "--prompt", "let ",
                "--length", "40", "--seed", "3", "--top-k", "5", "--temperature", "0.8");
        assertEquals(0, s.status(), s.err());
        assertTrue(s.out().startsWith("let "), s.out());
        assertEquals(4 + 40 + 1, s.out().length(), s.out()); // prompt, 40 characters (ASCII here), newline
        assertTrue(s.err().startsWith("drew 40 characters in "), s.err());
        assertEquals(s.out(), Cli.run("text", "sample", "--model", out.resolve("model.safetensors").toString(),
                "--prompt", "let ", "--length", "40", "--seed", "3", "--top-k", "5", "--temperature", "0.8").out());
    }

    /** A run killed after step 3 (its last checkpoint at step 2) and resumed by the CLI ends as one that never stopped. */
    @Test
    void resumeEndsBitIdenticalToAnUninterruptedRun() throws Exception {
        Path text = text();
        Path whole = tmp.resolve("whole");
        assertEquals(0, train(text, whole).status());
        Path stopped = tmp.resolve("stopped");
        Files.createDirectories(stopped);
        TextTrainer.start(TextCorpus.read(text), small()).runUntil(3, stopped.resolve("checkpoint.safetensors"),
                TextListener.none());
        Tensor.manualSeed(42);
        Cli r = Cli.run("text", "train", "--text", text.toString(), "--out", stopped.toString(), "--resume");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("resuming at step 2 of 6"), r.out());
        Map<String, Tensor> a = SafeTensors.load(whole.resolve("model.safetensors"));
        Map<String, Tensor> b = SafeTensors.load(stopped.resolve("model.safetensors"));
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k);
        JsonObject ma = JsonParser.parseString(Files.readString(whole.resolve("metrics.json"))).getAsJsonObject();
        JsonObject mb = JsonParser.parseString(Files.readString(stopped.resolve("metrics.json"))).getAsJsonObject();
        for (String k : List.of("train_bpc", "val_bpc", "validation")) assertEquals(ma.get(k), mb.get(k), k);
        assertEquals(2, mb.get("resumed_from_step").getAsInt());

        Cli other = Cli.run("text", "train", "--text", text.toString(), "--out", stopped.toString(), "--resume",
                "--hidden", "16");
        assertUsage(other, "--resume: --hidden 16 differs from the checkpoint's 8");
    }

    @Test
    void badInputIsOneLineAndStatusTwo() throws Exception {
        Path text = text();
        Path out = tmp.resolve("out");
        Path empty = Files.write(tmp.resolve("empty.txt"), new byte[0]);
        assertUsage(train(empty, out), empty + ": the text is empty");
        Path latin1 = Files.write(tmp.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'a', 'u'});
        assertUsage(train(latin1, out), latin1 + ": not valid UTF-8: malformed byte 0xE9 at byte offset 3");
        Path shortText = Files.writeString(tmp.resolve("short.txt"), "a".repeat(30));
        assertUsage(train(shortText, out), "too few for 4 lanes of one window of 8 characters: --batch 4 and --seq 8");
        assertUsage(train(text, out, "--batch", "0"), "Invalid value for option '--batch': expected an integer > 0");
        assertUsage(train(text, out, "--seq", "0"), "Invalid value for option '--seq': expected an integer > 0");
        assertUsage(train(text, out, "--batch", "100"), "--batch 100 and --seq 8 need at least 100 * (8 + 1) = 900");
        assertUsage(train(tmp.resolve("missing.txt"), out), "Invalid value for option '--text': cannot read");
        assertUsage(train(text, text.resolve("sub")), "Invalid value for option '--out': expected a writable directory");
        assertUsage(train(text, out, "--resume"), "--resume: there is no checkpoint to resume in " + out);
        assertFalse(Files.exists(out.resolve("metrics.json")));

        assertEquals(0, train(text, out).status());
        String model = out.resolve("model.safetensors").toString();
        assertUsage(Cli.run("text", "sample", "--model", model, "--prompt", "Let there be Light!"),
                "Invalid value for option '--prompt': 2 characters are not in the model's vocabulary of 16: 'L' (U+004C),"
                        + " '!' (U+0021)");
        assertUsage(Cli.run("text", "sample", "--model", model, "--temperature", "0"),
                "Invalid value for option '--temperature'");
        assertUsage(Cli.run("text", "sample", "--model", model, "--top-k", "-1"), "Invalid value for option '--top-k'");
        assertUsage(Cli.run("text", "sample", "--model", text.toString()), "Invalid value for option '--model'");
    }

    private static void assertUsage(Cli r, String expected) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("rnn4j: error: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
