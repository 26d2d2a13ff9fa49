package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.nn.GRU;
import org.rnn4j.nn.Linear;
import org.rnn4j.tensor.Tensor;

/**
 * Damaged and hostile model files: each is one IOException whose single-line message names the
 * file and the problem; nothing runs out of memory or hangs, and a failed load leaves the default
 * generator as it was.
 */
class ModelsHostileTest {
    private static final String LINEAR = "{\"type\":\"Linear\",\"config\":{\"in_features\":3,\"out_features\":2,\"bias\":true}}";

    @TempDir
    Path dir;

    private Path file(String architecture, Map<String, Tensor> tensors, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("rnn4j.format", "model");
        meta.put("rnn4j.format_version", "1");
        if (architecture != null) meta.put("rnn4j.model", architecture);
        meta.putAll(extra);
        Path p = dir.resolve("hostile.safetensors");
        SafeTensors.save(p, tensors, meta);
        return p;
    }

    private static Map<String, Tensor> linearWeights() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("weight", Tensor.zeros(2, 3));
        w.put("bias", Tensor.zeros(2));
        return w;
    }

    /** Loads {@code p}, expects an IOException, and returns its message after checking the common form. */
    static String refused(Path p) {
        Tensor.manualSeed(5);
        float[] before = Tensor.randn(8).toFloatArray();
        Tensor.manualSeed(5);
        IOException e = assertThrows(IOException.class, () -> Models.load(p));
        assertArrayEquals(before, Tensor.randn(8).toFloatArray(), "the default generator is untouched after a failed load");
        String m = e.getMessage();
        assertTrue(m.startsWith(p.toString() + ": "), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    static void assertHas(String message, String part) {
        assertTrue(message.contains(part), "expected \"" + part + "\" in: " + message);
    }

    @Test
    void aValidHandWrittenFileLoads() throws IOException {
        Linear l = Models.load(file(LINEAR, linearWeights(), Map.of()), Linear.class);
        assertEquals("Linear(in_features=3, out_features=2, bias=True)", l.toString());
    }

    @Test
    void truncatedAtEveryLength() throws IOException {
        Path good = dir.resolve("good.safetensors");
        Models.save(good, new GRU(2, 3));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.safetensors");
        for (int n = 0; n < bytes.length; n += Math.max(1, n / 7)) {
            Files.write(cut, Arrays.copyOf(bytes, n));
            refused(cut);
        }
    }

    @Test
    void aFlippedDataBitIsCaughtByTheChecksum() throws IOException {
        Path p = dir.resolve("flip.safetensors");
        Models.save(p, new Linear(3, 2));
        byte[] bytes = Files.readAllBytes(p);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(p, bytes);
        assertHas(refused(p), "data is damaged: CRC-32");
    }

    @Test
    void wrongDtypeForAKnownName() throws IOException {
        Map<String, Tensor> w = linearWeights();
        w.put("weight", Tensor.ofLongs(new long[6], 2, 3));
        assertHas(refused(file(LINEAR, w, Map.of())), "tensor 'weight' has dtype I64, but model weights are floating point");
    }

    @Test
    void missingUnexpectedAndMisshapenTensors() throws IOException {
        Map<String, Tensor> w = linearWeights();
        w.remove("bias");
        assertHas(refused(file(LINEAR, w, Map.of())), "the architecture does not match the weights: missing tensor 'bias' [2]");
        w = linearWeights();
        w.put("extra", Tensor.zeros(1));
        assertHas(refused(file(LINEAR, w, Map.of())), "unexpected tensor 'extra'");
        w = linearWeights();
        w.put("weight", Tensor.zeros(3, 2));
        assertHas(refused(file(LINEAR, w, Map.of())), "tensor 'weight' has shape [3, 2], expected [2, 3]");
    }

    @Test
    void notAModelFileOrAnotherKindOrANewerVersion() throws IOException {
        Path plain = dir.resolve("plain.safetensors");
        SafeTensors.save(plain, linearWeights());
        assertHas(refused(plain), "not an rnn4j model file (its metadata has no rnn4j.format entry)");
        Map<String, String> meta = Map.of("rnn4j.format", "checkpoint", "rnn4j.format_version", "1");
        Path ckpt = dir.resolve("ckpt.safetensors");
        SafeTensors.save(ckpt, linearWeights(), meta);
        assertHas(refused(ckpt), "an rnn4j checkpoint file, not a model file");
        assertHas(refused(file(LINEAR, linearWeights(), Map.of("rnn4j.format_version", "2"))),
                "model format version 2 is newer than this rnn4j reads (1)");
        assertHas(refused(file(LINEAR, linearWeights(), Map.of("rnn4j.format_version", "one"))),
                "rnn4j.format_version must be a positive integer, found \"one\"");
        assertHas(refused(file(null, linearWeights(), Map.of())), "metadata entry rnn4j.model is missing");
    }

    @Test
    void metadataThatIsHugeDeepOrNotJson() throws IOException {
        String huge = LINEAR + " ".repeat(5 << 20);
        assertHas(refused(file(huge, linearWeights(), Map.of())), "is " + huge.length() + " characters, more than the 4194304 rnn4j reads");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertHas(refused(file(deep, linearWeights(), Map.of())), "nesting deeper than 64 levels");
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < 40; i++) nodes.append("{\"type\":\"Linear\",\"children\":{\"a\":");
        assertHas(refused(file(nodes + "{}" + "}}".repeat(40), linearWeights(), Map.of())), "nesting deeper than 64");
        assertHas(refused(file("{\"type\": \"Linear\",", linearWeights(), Map.of())), "rnn4j.model is not valid JSON");
        assertHas(refused(file("[1, 2]", linearWeights(), Map.of())), "the root module must be a JSON object, found an array");
    }

    @Test
    void unknownTypesOptionsAndEntries() throws IOException {
        assertHas(refused(file("{\"type\":\"Transformer\",\"config\":{}}", linearWeights(), Map.of())),
                "the root module has unknown module type \"Transformer\" (this rnn4j knows Linear, RNN, LSTM");
        assertHas(refused(file(LINEAR.replace("\"bias\":true", "\"bias\":true,\"foo\":1"), linearWeights(), Map.of())),
                "the root module (Linear): unknown option 'foo'");
        assertHas(refused(file(LINEAR.replace("\"config\"", "\"cfg\""), linearWeights(), Map.of())),
                "the root module has an unknown entry \"cfg\"");
        assertHas(refused(file(LINEAR.replace("3", "\"three\""), linearWeights(), Map.of())),
                "option 'in_features' must be an integer, found the string \"three\"");
        assertHas(refused(file(LINEAR.replace("3", "-3"), linearWeights(), Map.of())),
                "in_features and out_features must be non-negative");
        assertHas(refused(file(LINEAR.replace("3", "99999999999999999999"), linearWeights(), Map.of())),
                "option 'in_features' must be a number, boolean, string or array of integers, found an integer too large");
        assertHas(refused(file(LINEAR.replace("3", "1e400"), linearWeights(), Map.of())), "is out of range");
        assertHas(refused(file(LINEAR.replace("}}", "},\"children\":{\"0\":" + LINEAR + "}}"), linearWeights(),
                Map.of())), "the file lists submodules [0] but the built module holds []");
        String rnnWithProj = "{\"type\":\"RNN\",\"config\":{\"input_size\":3,\"hidden_size\":2,\"proj_size\":1}}";
        assertHas(refused(file(rnnWithProj, linearWeights(), Map.of())), "(RNN): unknown option 'proj_size'");
    }

    /** Sizes that would need gigabytes are refused before the memory is taken, not by an OutOfMemoryError. */
    @Test
    void architecturesFarLargerThanTheirWeights() throws IOException {
        String wide = "{\"type\":\"LSTM\",\"config\":{\"input_size\":3,\"hidden_size\":200000000}}";
        assertHas(refused(file(wide, linearWeights(), Map.of())), "(LSTM): ");
        String deep = "{\"type\":\"GRU\",\"config\":{\"input_size\":64,\"hidden_size\":64,\"num_layers\":2000000000}}";
        assertHas(refused(file(deep, linearWeights(), Map.of())), "the module's tensors need more memory than its weights hold");
        String big = "{\"type\":\"Linear\",\"config\":{\"in_features\":4000,\"out_features\":4000}}";
        assertHas(refused(file(big, linearWeights(), Map.of())), "the module's tensors need more memory than its weights hold");
    }

    @Test
    void missingOrEmptyFiles() throws IOException {
        assertHas(refused(dir.resolve("nope.safetensors")), "no such file");
        Path empty = dir.resolve("empty.safetensors");
        Files.write(empty, new byte[0]);
        assertHas(refused(empty), "too short for the 8-byte header length");
    }

    @Test
    void savingRefusesReservedMetadataAndModulesWithoutCodec() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.save(dir.resolve("x.safetensors"), new Linear(1, 1), Map.of("rnn4j.model", "x")));
        assertHas(e.getMessage(), "metadata key \"rnn4j.model\" is reserved");
        e = assertThrows(IllegalArgumentException.class, () -> Models.save(dir.resolve("x.safetensors"),
                new Linear(1, 1), Map.of(), ModuleCodecs.builtIn().with(new Unfaithful())));
        assertHas(e.getMessage(), "org.rnn4j.nn.Linear already has a codec");
    }

    /** A codec whose build ignores an option: rejected at save time, before a file exists. */
    @Test
    void aCodecThatDoesNotRoundTripCannotSave() {
        ModuleCodecs broken = ModuleCodecs.builtIn().with(new Unfaithful.BoxCodec());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.save(dir.resolve("x.safetensors"), new Unfaithful.Box(), Map.of(), broken));
        assertHas(e.getMessage(), "cannot save Box as a model file: its architecture does not rebuild it: the root"
                + " module (Box): option 'size' = 3 was not honoured (the module has 2)");
        assertFalse(Files.exists(dir.resolve("x.safetensors")));
    }
}
