package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.tensor.Tensor;

/**
 * Damaged and hostile checkpoints: each is one clean exception whose single-line message names the
 * file and the problem (IOException for the file itself, IllegalArgumentException where a sound
 * file does not fit the run), and the live run is left exactly as it was.
 */
class CheckpointsHostileTest {
    @TempDir
    Path dir;
    private Path good;
    private TinyRun target;

    @BeforeEach
    void writeAGoodCheckpoint() throws IOException {
        TinyRun run = new TinyRun(1);
        for (int i = 0; i < 3; i++) run.step();
        good = dir.resolve("good.safetensors");
        Checkpoints.save(good, run.live(), run.values());
        target = new TinyRun(2);
    }

    /** The good file's tensors and metadata edited, written back with a correct checksum. */
    private Path edited(Consumer<Map<String, Tensor>> tensors, Consumer<Map<String, String>> meta) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>(SafeTensors.load(good));
        Map<String, String> m = new LinkedHashMap<>(SafeTensors.metadata(good));
        tensors.accept(t);
        m.put("rnn4j.data_crc32", Long.toString(DataChecksum.of(t.values())));
        meta.accept(m);
        Path p = dir.resolve("edited.safetensors");
        SafeTensors.save(p, t, m);
        return p;
    }

    private Path withJson(String json) throws IOException {
        return edited(t -> { }, m -> m.put("rnn4j.checkpoint", json));
    }

    /** Restores {@code p} into the target run, expecting {@code type}; checks nothing changed; returns the message. */
    private <E extends Exception> String refused(Path p, Class<E> type) {
        List<Integer> before = target.stateBits();
        byte[] shuffle = target.shuffle.getState();
        E e = assertThrows(type, () -> Checkpoints.restore(p, target.live()));
        TinyRun.assertSameBits(before, target.stateBits(), "the run after a refused restore");
        assertTrue(Arrays.equals(shuffle, target.shuffle.getState()), "the shuffle generator is unchanged");
        String m = e.getMessage();
        assertTrue(m.startsWith(p + ": "), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    private static void assertHas(String message, String part) {
        assertTrue(message.contains(part), "expected \"" + part + "\" in: " + message);
    }

    @Test
    void theUneditedCopyRestores() throws IOException {
        target.resume(Checkpoints.restore(edited(t -> { }, m -> { }), target.live()));
        assertEquals(3, target.step);
    }

    @Test
    void truncatedAtManyLengths() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.safetensors");
        for (int n = 0; n < bytes.length; n += 1 + n / 5) {
            Files.write(cut, Arrays.copyOf(bytes, n));
            refused(cut, IOException.class);
        }
    }

    @Test
    void aFlippedBitAnywhereInTheData() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path p = dir.resolve("flipped.safetensors");
        for (int at = bytes.length - 1; at > bytes.length - 2000; at -= 97) {
            byte[] copy = bytes.clone();
            copy[at] ^= 1;
            Files.write(p, copy);
            assertHas(refused(p, IOException.class), "data is damaged: CRC-32");
        }
    }

    @Test
    void wrongDtypesForKnownNames() throws IOException {
        assertHas(refused(edited(t -> t.put("model.head.bias", Tensor.ofLongs(new long[] {1}, 1)), m -> { }),
                IOException.class), "tensor 'model.head.bias' has dtype I64, but model, optimizer and scheduler state");
        assertHas(refused(edited(t -> t.put("optimizer.state.0.step", Tensor.ofLongs(new long[] {3})), m -> { }),
                IOException.class), "tensor 'optimizer.state.0.step' has dtype I64");
        assertHas(refused(edited(t -> t.put("generator.shuffle", Tensor.zeros(22)), m -> { }), IOException.class),
                "generator state 'generator.shuffle' must be I64, found a floating-point tensor");
        assertHas(refused(edited(t -> t.put("generator.shuffle", Tensor.ofLongs(new long[] {1, 2}, 2)), m -> { }),
                IOException.class), "must have shape [22], found [2]");
        assertHas(refused(edited(t -> t.put("generator.shuffle", Tensor.ofLongs(new long[22], 22)), m -> { }),
                IOException.class), "generator state 'generator.shuffle': setState: not an rnn4j generator state");
        long[] big = new long[22];
        big[3] = 300;
        assertHas(refused(edited(t -> t.put("generator.shuffle", Tensor.ofLongs(big, 22)), m -> { }),
                IOException.class), "generator state 'generator.shuffle'[3] = 300 is not a byte");
    }

    @Test
    void missingAndUnexpectedTensors() throws IOException {
        assertHas(refused(edited(t -> t.remove("model.lstm.bias_hh_l1"), m -> { }), IllegalArgumentException.class),
                "the model (Net) does not match the checkpoint's: missing tensor 'lstm.bias_hh_l1' [32]");
        assertHas(refused(edited(t -> t.remove("optimizer.state.2.exp_avg_sq"), m -> { }),
                IllegalArgumentException.class), "state.2");
        assertHas(refused(edited(t -> t.remove("scheduler.last_epoch"), m -> { }), IllegalArgumentException.class),
                "last_epoch");
        assertHas(refused(edited(t -> t.remove("generator.default"), m -> { }), IllegalArgumentException.class),
                "the checkpoint holds generators [shuffle] but the run has [default, shuffle]");
        assertHas(refused(edited(t -> t.put("stray", Tensor.zeros(1)), m -> { }), IOException.class),
                "unexpected tensor 'stray' (a checkpoint holds model.*, optimizer.*, scheduler.*, generator.* and tensor.*)");
        assertHas(refused(edited(t -> t.keySet().removeIf(k -> k.startsWith("scheduler.")), m -> { }),
                IOException.class), "it names a StepLR scheduler but holds no scheduler.* tensors");
    }

    @Test
    void metadataThatIsHugeDeepOrNotJson() throws IOException {
        String huge = "{\"step\":3" + " ".repeat(5 << 20) + "}";
        assertHas(refused(withJson(huge), IOException.class), "more than the 4194304 rnn4j reads");
        assertHas(refused(withJson("{\"longs\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}"), IOException.class),
                "nesting deeper than 64 levels");
        assertHas(refused(withJson("step=3"), IOException.class), "metadata entry rnn4j.checkpoint is not valid JSON");
        assertHas(refused(withJson("[]"), IOException.class), "rnn4j.checkpoint must be a JSON object");
        assertHas(refused(withJson("{\"step\":-1,\"epoch\":0,\"model\":\"Net\"}"), IOException.class),
                "\"step\" must be a non-negative integer");
        assertHas(refused(withJson("{\"step\":1,\"epoch\":0,\"model\":\"Net\",\"optimizer\":\"Adam\",\"scheduler\":"
                + "\"StepLR\",\"extra\":1}"), IOException.class), "rnn4j.checkpoint has an unknown entry \"extra\"");
        assertHas(refused(withJson("{\"step\":1,\"epoch\":0,\"model\":\"Net\",\"optimizer\":\"Adam\",\"scheduler\":"
                + "\"StepLR\",\"doubles\":{\"x\":\"lots\"}}"), IOException.class), "doubles.x must be a double");
        assertHas(refused(edited(t -> { }, m -> m.remove("rnn4j.checkpoint")), IOException.class),
                "metadata entry rnn4j.checkpoint is missing");
        assertHas(refused(edited(t -> { }, m -> m.put("rnn4j.format_version", "7")), IOException.class),
                "checkpoint format version 7 is newer than this rnn4j reads (1); update rnn4j to load it");
        assertHas(refused(edited(t -> { }, m -> m.put("rnn4j.format", "model")), IOException.class),
                "an rnn4j model file, not a checkpoint file");
        assertHas(refused(edited(t -> { }, m -> m.put("rnn4j.data_crc32", "-1")), IOException.class),
                "rnn4j.data_crc32 must be an unsigned 32-bit integer");
    }

    /** A schedule the scheduler refuses (after the optimizer accepted its part): the optimizer is rolled back. */
    @Test
    void aSchedulerThatRefusesItsStateRollsTheOptimizerBack() throws IOException {
        target.step();
        Path p = edited(t -> t.put("scheduler.step_size", Tensor.scalar(0)), m -> { });
        assertHas(refused(p, IllegalArgumentException.class), "step_size");
    }
}
