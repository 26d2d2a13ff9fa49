package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last N checkpoints of a run in one folder, named by step: {@code checkpoint-00000120.safetensors}.
 *
 * <pre>{@code
 * CheckpointManager checkpoints = new CheckpointManager(out.resolve("checkpoints"), 3);
 * Optional<Checkpoint> resumed = checkpoints.restoreLatest(live, System.err::println);
 * long step = resumed.map(Checkpoint::step).orElse(0L);
 * ...
 * if (step % every == 0) checkpoints.save(live, Checkpoint.at(step));
 * }</pre>
 *
 * <p>A save writes the new file atomically ({@link Checkpoints#save}), and only once it is on disk
 * deletes the oldest beyond {@code keep}; so a crash at any moment leaves the previous checkpoints
 * and either nothing or the complete new one (plus, at worst, one file too many, removed by the
 * next save, and a temporary {@code .checkpoint-*.tmp} file, also removed by the next save).
 * {@link #latest} and {@link #restoreLatest} take the newest sound file, skipping damaged ones and
 * reporting each in one line; a damaged file is never deleted by a read.
 *
 * <p>One writer per folder: a save removes temporary files it did not create.
 */
public final class CheckpointManager {
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{1,18})\\.safetensors");

    /** Test seams around a save's commit: the kill test slows them down to be killed inside. */
    interface Hooks {
        /** The new checkpoint is complete in its temporary file and not yet renamed. */
        default void beforeCommit(Path tmp) throws IOException {
        }

        /** The new checkpoint is in place; older ones not yet deleted. */
        default void afterCommit(Path file) throws IOException {
        }
    }

    private final Path dir;
    private final int keep;
    private final Hooks hooks;

    /**
     * Checkpoints in {@code dir} (created on the first save), the newest {@code keep} kept.
     *
     * @throws IllegalArgumentException if {@code dir} is null or {@code keep} is below 1
     */
    public CheckpointManager(Path dir, int keep) {
        this(dir, keep, new Hooks() { });
    }

    CheckpointManager(Path dir, int keep, Hooks hooks) {
        if (dir == null) throw new IllegalArgumentException("dir must not be null");
        if (keep < 1) throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        this.dir = dir;
        this.keep = keep;
        this.hooks = hooks;
    }

    public Path dir() {
        return dir;
    }

    public int keep() {
        return keep;
    }

    /** The file a checkpoint of {@code step} is saved to. */
    public Path fileFor(long step) {
        if (step < 0) throw new IllegalArgumentException("step must be non-negative, got " + step);
        return dir.resolve(String.format("checkpoint-%08d.safetensors", step));
    }

    /**
     * Saves a checkpoint of step {@code now.step()} (replacing one of the same step), then deletes
     * the oldest beyond {@code keep} and any temporary file a killed save left behind.
     *
     * @return the file written
     */
    public Path save(TrainingState live, Checkpoint now) throws IOException {
        if (now == null) throw new IllegalArgumentException("checkpoint values must not be null");
        Files.createDirectories(dir);
        Path file = fileFor(now.step());
        Checkpoints.save(file, live, now, hooks::beforeCommit);
        hooks.afterCommit(file);
        List<Path> all = list();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) Files.deleteIfExists(old);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".checkpoint-*.tmp")) {
            for (Path tmp : s) Files.deleteIfExists(tmp);
        }
        SafeTensors.syncDirectory(dir);
        return file;
    }

    /** The checkpoint files of the folder, newest (highest step) first; empty if there is no folder. */
    public List<Path> list() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "checkpoint-*.safetensors")) {
            for (Path p : s) if (NAME.matcher(p.getFileName().toString()).matches()) out.add(p);
        } catch (NoSuchFileException ex) {
            return out;
        }
        out.sort(Comparator.comparingLong(CheckpointManager::step).reversed());
        return out;
    }

    /**
     * The newest checkpoint that {@link Checkpoints#verify} accepts; each newer one it refuses is
     * reported to {@code skipped} as one line naming the file and the problem.
     */
    public Optional<Path> latest(Consumer<String> skipped) throws IOException {
        if (skipped == null) throw new IllegalArgumentException("skipped must not be null");
        for (Path p : list()) {
            try {
                Checkpoints.verify(p);
                return Optional.of(p);
            } catch (IOException ex) {
                skipped.accept(ex.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Restores {@code live} from the newest sound checkpoint (damaged ones reported to
     * {@code skipped} and passed over) and returns its values; empty, and nothing changed, when
     * the folder has no sound checkpoint.
     *
     * @throws IllegalArgumentException if the newest sound checkpoint does not fit {@code live}
     *     (that is no damage: an older one would not fit either)
     */
    public Optional<Checkpoint> restoreLatest(TrainingState live, Consumer<String> skipped) throws IOException {
        if (skipped == null) throw new IllegalArgumentException("skipped must not be null");
        for (Path p : list()) {
            try {
                return Optional.of(Checkpoints.restore(p, live));
            } catch (IOException ex) {
                skipped.accept(ex.getMessage());
            }
        }
        return Optional.empty();
    }

    private static long step(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) throw new IllegalStateException(p.toString());
        return Long.parseLong(m.group(1));
    }
}
