package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void nothingChangesUntilCommit() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "old");
        try (AtomicOutput out = new AtomicOutput(dir)) {
            out.stage("a.txt", "new".getBytes());
            out.stage("b.txt", "b".getBytes());
            assertEquals("old", Files.readString(dir.resolve("a.txt")));
            out.commit();
        }
        assertEquals("new", Files.readString(dir.resolve("a.txt")));
        assertEquals(List.of("a.txt", "b.txt"), names());
    }

    @Test
    void aFailureDeletesTheTemporaryFilesAndKeepsTheOldOnes() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "old");
        assertThrows(IOException.class, () -> {
            try (AtomicOutput out = new AtomicOutput(dir)) {
                out.stage("a.txt", "new".getBytes());
                out.stage("b.txt", o -> {
                    o.write('x');
                    throw new IOException("disk full");
                });
                out.commit();
            }
        });
        assertEquals("old", Files.readString(dir.resolve("a.txt")));
        assertEquals(List.of("a.txt"), names());
    }
}
