package org.rnn4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata entries that make a safetensors file an rnn4j model file or checkpoint, and their
 * checks. Every key rnn4j reserves starts with {@code rnn4j.}; all other keys are the user's.
 *
 * <pre>
 *   rnn4j.format           "model" or "checkpoint"
 *   rnn4j.format_version   a positive integer; a reader refuses a version newer than its own
 *   rnn4j.data_crc32       CRC-32 of the data section, unsigned decimal (optional on read)
 * </pre>
 */
final class FileFormat {
    static final String PREFIX = "rnn4j.";
    static final String FORMAT = PREFIX + "format";
    static final String VERSION = PREFIX + "format_version";
    static final String CRC = PREFIX + "data_crc32";

    /** Largest JSON document rnn4j parses from one metadata entry (a 100k-module tree fits). */
    static final int MAX_JSON_CHARS = 4 << 20;

    private FileFormat() {}

    /** The format entries of a file of {@code kind} at {@code version} whose data has checksum {@code crc}. */
    static Map<String, String> stamp(String kind, int version, long crc) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(FORMAT, kind);
        out.put(VERSION, Integer.toString(version));
        out.put(CRC, Long.toString(crc));
        return out;
    }

    /**
     * Checks that {@code meta} says {@code kind} at a version this reader knows.
     *
     * @throws IOException naming the file: not an rnn4j file, another kind, a bad or newer version
     */
    static void check(Path path, Map<String, String> meta, String kind, int maxVersion) throws IOException {
        String found = meta.get(FORMAT);
        if (found == null) {
            throw new IOException(path + ": not an rnn4j " + kind + " file (its metadata has no " + FORMAT + " entry)");
        }
        if (!found.equals(kind)) {
            throw new IOException(path + ": an rnn4j " + clip(found) + " file, not a " + kind + " file");
        }
        String v = meta.get(VERSION);
        int version;
        try {
            version = v == null ? -1 : Integer.parseInt(v);
        } catch (NumberFormatException ex) {
            version = -1;
        }
        if (version < 1) {
            throw new IOException(path + ": " + VERSION + " must be a positive integer, found "
                    + (v == null ? "none" : "\"" + clip(v) + "\""));
        }
        if (version > maxVersion) {
            throw new IOException(path + ": " + kind + " format version " + version + " is newer than this rnn4j reads ("
                    + maxVersion + "); update rnn4j to load it");
        }
    }

    /** The JSON document under {@code key}, parsed (bounded in size and nesting). */
    static Object json(Path path, Map<String, String> meta, String key) throws IOException {
        String text = meta.get(key);
        if (text == null) throw new IOException(path + ": metadata entry " + key + " is missing");
        if (text.length() > MAX_JSON_CHARS) {
            throw new IOException(path + ": metadata entry " + key + " is " + text.length() + " characters, more than the "
                    + MAX_JSON_CHARS + " rnn4j reads");
        }
        try {
            return Json.parse(text);
        } catch (IOException ex) {
            throw new IOException(path + ": metadata entry " + key + " is not valid JSON: " + ex.getMessage(), ex);
        }
    }

    /** Verifies the data checksum when the file has one. */
    static void verifyChecksum(Path path, Map<String, String> meta) throws IOException {
        String want = meta.get(CRC);
        if (want == null) return;
        long expected;
        try {
            expected = Long.parseLong(want);
        } catch (NumberFormatException ex) {
            expected = -1;
        }
        if (expected < 0 || expected > 0xFFFFFFFFL) {
            throw new IOException(path + ": " + CRC + " must be an unsigned 32-bit integer, found \"" + clip(want) + "\"");
        }
        long actual = DataChecksum.of(path);
        if (actual != expected) {
            throw new IOException(path + ": data is damaged: CRC-32 " + actual + " differs from the " + expected
                    + " recorded when it was written");
        }
    }

    /** The user's entries: those outside the {@code rnn4j.} namespace, in file order. */
    static Map<String, String> userEntries(Map<String, String> meta) {
        Map<String, String> out = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) out.put(k, v);
        });
        return out;
    }

    /** Rejects user metadata that is null or reaches into the {@code rnn4j.} namespace. */
    static Map<String, String> checkUserEntries(Map<String, String> metadata) {
        if (metadata == null) throw new IllegalArgumentException("metadata must not be null (use an empty map)");
        Map<String, String> out = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k == null || v == null) throw new IllegalArgumentException("metadata keys and values must not be null");
            if (k.startsWith(PREFIX)) {
                throw new IllegalArgumentException("metadata key \"" + k + "\" is reserved: keys starting with \""
                        + PREFIX + "\" belong to rnn4j");
            }
            out.put(k, v);
        });
        return out;
    }

    /** {@code s} cut to 60 characters, for messages about hostile values. */
    static String clip(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= 60 ? one : one.substring(0, 60) + "...";
    }
}
