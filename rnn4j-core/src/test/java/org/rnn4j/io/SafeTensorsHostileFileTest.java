package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile safetensors files: each one a clean IOException naming the problem. */
class SafeTensorsHostileFileTest {
    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        Path p = dir.resolve("t.safetensors");
        Files.write(p, bytes);
        return p;
    }

    private static final String ONE = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    private IOException rejects(byte[] bytes, String... fragments) throws IOException {
        Path p = write(bytes);
        IOException ex = assertThrows(IOException.class, () -> SafeTensors.load(p));
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' should contain '" + f + "'");
        }
        return ex;
    }

    @Test
    void rejectsFilesShorterThanTheLengthField() throws IOException {
        rejects(new byte[0], "too short");
        rejects(new byte[7], "too short");
    }

    @Test
    void rejectsTruncatedFiles() throws IOException {
        byte[] good = Raw.file(ONE, Raw.f32(1, 2));
        for (int cut = 8; cut < good.length; cut++) {
            rejects(Arrays.copyOf(good, cut));
        }
        rejects(Arrays.copyOf(good, good.length - 1), "tensor 'x'", "outside the data buffer");
    }

    @Test
    void rejectsHugeOrLyingHeaderLength() throws IOException {
        byte[] h = ONE.getBytes(StandardCharsets.UTF_8);
        rejects(Raw.file(Long.MAX_VALUE, h, Raw.f32(1, 2)), "exceeds the maximum");
        rejects(Raw.file(-1L, h, Raw.f32(1, 2)), "18446744073709551615", "exceeds the maximum");
        rejects(Raw.file(Header.MAX_HEADER_BYTES + 1, h, Raw.f32(1, 2)), "exceeds the maximum");
        rejects(Raw.file(h.length + 9L, h, Raw.f32(1, 2)), "exceeds the file size");
        rejects(Raw.file(0L, new byte[0], new byte[0]), "too small");
    }

    @Test
    void rejectsOverlapsGapsAndUncoveredBytes() throws IOException {
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        rejects(Raw.file(overlap, Raw.f32(1, 2, 3)), "tensor 'b'", "overlap tensor 'a'");
        String same = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        rejects(Raw.file(same, Raw.f32(1, 2)), "overlap");
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        rejects(Raw.file(gap, Raw.f32(1, 2)), "tensor 'a'", "gap of 4");
        rejects(Raw.file(ONE, Raw.f32(1, 2, 3)), "trailing bytes");
        String outside = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[9223372036854775803,9223372036854775807]}}";
        rejects(Raw.file(outside, Raw.f32(1)), "tensor 'a'");
        String backwards = "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}";
        rejects(Raw.file(backwards, Raw.f32(1)), "tensor 'a'", "end before they begin");
    }

    @Test
    void rejectsByteCountsThatDisagreeWithDtypeAndShape() throws IOException {
        rejects(Raw.file("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", Raw.f32(1, 2)),
                "tensor 'x'", "span 8 bytes", "needs 12");
        rejects(Raw.file("{\"x\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", Raw.f32(1, 2)),
                "tensor 'x'", "needs 16");
        rejects(Raw.file("{\"x\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4],\"data_offsets\":[0,8]}}",
                Raw.f32(1, 2)), "tensor 'x'");
        rejects(Raw.file("{\"x\":{\"dtype\":\"F32\",\"shape\":[3037000500,3037000500],\"data_offsets\":[0,8]}}",
                Raw.f32(1, 2)), "tensor 'x'", "larger than");
        rejects(Raw.file("{\"x\":{\"dtype\":\"F32\",\"shape\":[2000000000,2000000000,2000000000],"
                + "\"data_offsets\":[0,8]}}", Raw.f32(1, 2)), "tensor 'x'", "overflow");
    }

    @Test
    void rejectsBadShapesAndOffsetsFields() throws IOException {
        String tmpl = "{\"x\":{\"dtype\":\"F32\",\"shape\":%s,\"data_offsets\":%s}}";
        rejects(Raw.file(String.format(tmpl, "[-2]", "[0,8]"), Raw.f32(1, 2)), "tensor 'x'", "shape[0] = -2 is negative");
        rejects(Raw.file(String.format(tmpl, "[2.0]", "[0,8]"), Raw.f32(1, 2)), "tensor 'x'", "must be an integer");
        rejects(Raw.file(String.format(tmpl, "[\"2\"]", "[0,8]"), Raw.f32(1, 2)), "tensor 'x'", "must be an integer");
        rejects(Raw.file(String.format(tmpl, "2", "[0,8]"), Raw.f32(1, 2)), "tensor 'x'", "shape must be a JSON array");
        rejects(Raw.file(String.format(tmpl, "[99999999999999999999]", "[0,8]"), Raw.f32(1, 2)), "too large");
        rejects(Raw.file(String.format(tmpl, "[2]", "[0,8,8]"), Raw.f32(1, 2)), "data_offsets must have 2");
        rejects(Raw.file(String.format(tmpl, "[2]", "[-8,0]"), Raw.f32(1, 2)), "negative");
        rejects(Raw.file(String.format(tmpl, "[2]", "null"), Raw.f32(1, 2)), "data_offsets must be a JSON array");
        rejects(Raw.file("{\"x\":{\"shape\":[2],\"data_offsets\":[0,8]}}", Raw.f32(1, 2)), "tensor 'x'", "dtype");
        rejects(Raw.file("{\"x\":[1,2]}", Raw.f32(1, 2)), "tensor 'x'", "must be a JSON object");
    }

    @Test
    void rejectsUnknownAndUnsupportedDtypes() throws IOException {
        rejects(Raw.file("{\"x\":{\"dtype\":\"F31\",\"shape\":[2],\"data_offsets\":[0,8]}}", Raw.f32(1, 2)),
                "tensor 'x'", "unknown dtype \"F31\"");
        rejects(Raw.file("{\"x\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]}}", Raw.f32(1, 2)),
                "tensor 'x'", "dtype I32 is not supported");
    }

    @Test
    void rejectsBadJson() throws IOException {
        for (String bad : List.of("{ ", "{\"x\":}", "{\"x\" {}}", "{,}", "{\"__metadata__\":{\"k\":\"v\"},}", "{'a':1}", "{\"a\":01 }",
                "{\"a\":1.}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\uD800\"}", "{\"a\":\"\u0001\"}",
                "{} x", "{\"a\":[1 2]}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":\"unterminated}")) {
            rejects(Raw.file(bad, new byte[0]), "invalid JSON");
            // Also nested, where no member can be judged before the syntax error is reached.
            rejects(Raw.file("{\"__metadata__\":" + bad + "}", new byte[0]), "invalid JSON");
        }
        rejects(Raw.file("{", new byte[0]), "too small");
        rejects(Raw.file(" {}", new byte[0]), "does not start with '{'");
        rejects(Raw.file("[]", new byte[0]), "does not start with '{'");
        rejects(Raw.file(new byte[] {'{', '"', (byte) 0xC3, '"', '}'}.length, new byte[] {'{', '"', (byte) 0xC3, '"', '}'},
                new byte[0]), "not valid UTF-8");
    }

    @Test
    void rejectsDuplicateKeys() throws IOException {
        String dup = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        rejects(Raw.file(dup, Raw.f32(1, 2)), "duplicate key \"x\"");
        rejects(Raw.file("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", new byte[0]), "duplicate key \"a\"");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() throws IOException {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        rejects(Raw.file(deep, new byte[0]), "nesting deeper than 64");
        String ok = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"deep\":"
                + "[".repeat(60) + "]".repeat(60) + "}}";
        assertEquals(1, SafeTensors.load(write(Raw.file(ok, Raw.f32(1)))).size());
    }

    @Test
    void hugeNumberLiteralsAreRejectedQuickly() throws IOException {
        String digits = "9".repeat(5_000_000);
        rejects(Raw.file("{\"x\":{\"dtype\":\"F32\",\"shape\":[" + digits + "],\"data_offsets\":[0,4]}}",
                Raw.f32(1)), "longer than");
        rejects(Raw.file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1e999999999999],\"data_offsets\":[0,4]}}",
                Raw.f32(1)), "out of range");
    }

    @Test
    void rejectsBadMetadata() throws IOException {
        rejects(Raw.file("{\"__metadata__\":{\"a\":1}}", new byte[0]), "__metadata__ value for \"a\" must be a string");
        rejects(Raw.file("{\"__metadata__\":[]}", new byte[0]), "__metadata__ must be a JSON object");
        Path p = write(Raw.file("{\"__metadata__\":{\"a\":1}}", new byte[0]));
        assertThrows(IOException.class, () -> SafeTensors.metadata(p));
    }

    @Test
    void missingFileIsAnIOException() {
        assertThrows(IOException.class, () -> SafeTensors.load(dir.resolve("nope.safetensors")));
    }

    // ---------------------------------------------------------------- saving safely

}
