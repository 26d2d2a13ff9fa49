package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-JVM model cache: one load per file, leases always given back, a bounded number of files. */
class ExecutorModelsTest {
    /** A "model" that is just the file's text, with a count of loads. */
    static final AtomicInteger LOADS = new AtomicInteger();
    static final ModelLoader<String> TEXT = f -> {
        LOADS.incrementAndGet();
        return Files.readString(f);
    };

    static ModelFile file(String text) {
        return ModelFile.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void sharedLoadsOncePerFileAndLeasesComeBackForReuse() {
        ModelFile f = file("shared-" + System.nanoTime());
        String a = ExecutorModels.shared(f.sha256(), () -> f, TEXT);
        String b = ExecutorModels.shared(f.sha256(), () -> { throw new AssertionError("not fetched again"); }, TEXT);
        assertSame(a, b);
        assertEquals(new ExecutorModels.Stats(1, 0, 0, true), ExecutorModels.stats(f.sha256()));

        ExecutorModels.Lease<String> one = ExecutorModels.borrow(f.sha256(), () -> f, TEXT);
        ExecutorModels.Lease<String> two = ExecutorModels.borrow(f.sha256(), () -> f, TEXT);
        assertNotSame(one.model(), two.model(), "two tasks at once get two instances");
        assertEquals(new ExecutorModels.Stats(3, 0, 2, true), ExecutorModels.stats(f.sha256()));
        two.close();
        one.close();
        one.close(); // twice is harmless
        assertEquals(new ExecutorModels.Stats(3, 2, 0, true), ExecutorModels.stats(f.sha256()));
        try (ExecutorModels.Lease<String> again = ExecutorModels.borrow(f.sha256(), () -> f, TEXT)) {
            assertSame(one.model(), again.model(), "the most recently given back is reused, no load");
        }
        assertEquals(3, ExecutorModels.stats(f.sha256()).loads());
    }

    @Test
    void aFailedLoadLendsNothingAndAWrongFileIsRefused() {
        ModelFile f = file("failing-" + System.nanoTime());
        ModelLoader<String> broken = p -> {
            throw new java.io.IOException("cannot read " + p.getFileName());
        };
        assertThrows(java.io.UncheckedIOException.class, () -> ExecutorModels.borrow(f.sha256(), () -> f, broken));
        assertEquals(0, ExecutorModels.stats(f.sha256()).lent());
        ModelFile other = file("other");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ExecutorModels.shared(f.sha256(), () -> other, TEXT));
        assertTrue(e.getMessage().startsWith("the model file received has SHA-256 " + other.sha256()), e.getMessage());
    }

    @Test
    void onlyTheLastFewFilesAreKept() {
        ModelFile first = file("first-" + System.nanoTime());
        ExecutorModels.Lease<String> held = ExecutorModels.borrow(first.sha256(), () -> first, TEXT);
        for (int i = 0; i < ExecutorModels.MAX_FILES + 2; i++) {
            ModelFile f = file("lru-" + i + "-" + System.nanoTime());
            ExecutorModels.shared(f.sha256(), () -> f, TEXT);
        }
        assertTrue(ExecutorModels.files() <= ExecutorModels.MAX_FILES, "files kept: " + ExecutorModels.files());
        assertEquals(new ExecutorModels.Stats(0, 0, 0, false), ExecutorModels.stats(first.sha256()), "dropped");
        held.close(); // a lease of a dropped file is simply discarded
        assertEquals(new ExecutorModels.Stats(0, 0, 0, false), ExecutorModels.stats(first.sha256()));
    }

    @Test
    void modelFileChecksItsHash() throws Exception {
        Path p = Files.createTempFile("model", ".bin");
        Files.write(p, new byte[] {1, 2, 3});
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", ModelFile.read(p).sha256());
        Files.delete(p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelFile(new byte[] {1}, "00"));
        assertTrue(e.getMessage().startsWith("ModelFile: sha256 00 is not the bytes' 4bf5122f"), e.getMessage());
    }
}
