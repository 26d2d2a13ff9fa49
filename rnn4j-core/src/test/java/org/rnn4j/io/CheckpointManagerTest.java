package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointManagerTest {
    @TempDir
    Path dir;

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }

    private List<String> folder(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void keepsTheNewestNAndIgnoresOtherFiles() throws IOException {
        Path d = dir.resolve("ckpt");
        CheckpointManager m = new CheckpointManager(d, 3);
        assertEquals(List.of(), m.list(), "no folder yet: nothing");
        TinyRun run = new TinyRun(1);
        Files.createDirectories(d);
        Files.writeString(d.resolve("notes.txt"), "mine");
        Files.writeString(d.resolve("checkpoint-x.safetensors"), "not ours");
        for (int i = 0; i < 5; i++) {
            run.step();
            assertEquals(d.resolve(String.format("checkpoint-%08d.safetensors", run.step)), m.save(run.live(), run.values()));
        }
        assertEquals(List.of("checkpoint-00000005.safetensors", "checkpoint-00000004.safetensors",
                "checkpoint-00000003.safetensors"), names(m.list()));
        assertEquals(List.of("checkpoint-00000003.safetensors", "checkpoint-00000004.safetensors",
                "checkpoint-00000005.safetensors", "checkpoint-x.safetensors", "notes.txt"), folder(d));
    }

    @Test
    void aSaveCleansWhatAKilledSaveLeft() throws IOException {
        CheckpointManager m = new CheckpointManager(dir, 2);
        TinyRun run = new TinyRun(1);
        for (int i = 0; i < 3; i++) {
            run.step();
            Checkpoints.save(m.fileFor(run.step), run.live(), run.values()); // as if killed before pruning
        }
        Files.writeString(dir.resolve(".checkpoint-00000004.safetensors.1234abcd.tmp"), "half");
        run.step();
        m.save(run.live(), run.values());
        assertEquals(List.of("checkpoint-00000003.safetensors", "checkpoint-00000004.safetensors"), folder(dir));
    }

    /** The newest file damaged: latest() reports it in one line and takes the one before; nothing is deleted. */
    @Test
    void latestSkipsAndReportsDamagedFiles() throws IOException {
        CheckpointManager m = new CheckpointManager(dir, 3);
        TinyRun run = new TinyRun(1);
        for (int i = 0; i < 3; i++) {
            run.step();
            m.save(run.live(), run.values());
        }
        Path newest = m.fileFor(3);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));
        List<String> skipped = new ArrayList<>();
        assertEquals(Optional.of(m.fileFor(2)), m.latest(skipped::add));
        assertEquals(1, skipped.size());
        assertTrue(skipped.get(0).startsWith(newest + ": "), skipped.get(0));
        assertTrue(!skipped.get(0).contains("\n"));

        TinyRun fresh = new TinyRun(7);
        skipped.clear();
        Optional<Checkpoint> restored = m.restoreLatest(fresh.live(), skipped::add);
        assertEquals(2, restored.orElseThrow().step());
        assertEquals(1, skipped.size());
        assertTrue(Files.exists(newest), "a read never deletes");
    }

    @Test
    void nothingToRestore() throws IOException {
        CheckpointManager m = new CheckpointManager(dir.resolve("none"), 1);
        TinyRun run = new TinyRun(1);
        List<Integer> before = run.stateBits();
        assertEquals(Optional.empty(), m.restoreLatest(run.live(), s -> { throw new AssertionError(s); }));
        assertEquals(Optional.empty(), m.latest(s -> { throw new AssertionError(s); }));
        TinyRun.assertSameBits(before, run.stateBits(), "the run");
    }

    /** A sound checkpoint of another model is not damage: restoreLatest says so instead of skipping it. */
    @Test
    void aCheckpointOfAnotherRunIsAnError() throws IOException {
        CheckpointManager m = new CheckpointManager(dir, 1);
        TinyRun run = new TinyRun(1);
        m.save(run.live(), run.values());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.restoreLatest(TrainingState.of(new org.rnn4j.nn.Linear(1, 1)), s -> { }));
        assertTrue(e.getMessage().contains("does not match the checkpoint's"), e.getMessage());
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new CheckpointManager(dir, 0));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointManager(null, 1));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointManager(dir, 1).fileFor(-1));
    }
}
