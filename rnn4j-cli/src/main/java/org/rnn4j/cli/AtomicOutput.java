package org.rnn4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output files written all or nothing: each is first written in full to a hidden temporary file in
 * the target directory, and only {@link #commit()} moves them into place (atomically where the
 * file system can), so a run that fails part way never damages the results of a previous one.
 * Closing without committing deletes the temporary files.
 */
public final class AtomicOutput implements AutoCloseable {
    /** Writes a file's content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Map<Path, Path> staged = new LinkedHashMap<>();

    public AtomicOutput(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code name} (in the directory) to a temporary file; returns the final path. */
    public Path stage(String name, Writer writer) throws IOException {
        Path target = dir.resolve(name);
        // Not createTempFile: its files are private (0600); these get the usual umask permissions.
        Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            staged.put(target, tmp);
            writer.write(out);
        }
        return target;
    }

    public Path stage(String name, byte[] content) throws IOException {
        return stage(name, out -> out.write(content));
    }

    /** Moves every staged file into place; returns the final paths in staging order. */
    public List<Path> commit() throws IOException {
        List<Path> done = new ArrayList<>();
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
            try {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
            done.add(e.getKey());
        }
        staged.clear();
        return done;
    }

    @Override
    public void close() {
        for (Path tmp : staged.values()) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a stray hidden .tmp file is harmless
            }
        }
        staged.clear();
    }
}
