package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.tensor.Tensor;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        Path p = dir.resolve("t.safetensors");
        Files.write(p, bytes);
        return p;
    }

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("z.weight", Tensor.of(new float[] {1, -2, 3.5f, Float.MIN_VALUE, -0f, Float.MAX_VALUE}, 2, 3));
        m.put("a.bias", Tensor.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 7}, 3));
        m.put("scalar", Tensor.of(new float[] {42}));
        m.put("empty", Tensor.zeros(0, 4));
        return m;
    }

    // ---------------------------------------------------------------- round trip

    @Test
    void roundTripKeepsValuesShapesAndOrder() throws IOException {
        Path p = dir.resolve("rt.safetensors");
        Map<String, Tensor> in = sample();
        SafeTensors.save(p, in);
        Map<String, Tensor> out = SafeTensors.load(p);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(out.keySet()), "names in map order");
        for (String k : in.keySet()) {
            assertArrayEquals(in.get(k).shape(), out.get(k).shape(), k + " shape");
            assertArrayEquals(bits(in.get(k)), bits(out.get(k)), k + " bit-exact values");
        }
        assertEquals(Map.of(), SafeTensors.metadata(p));
    }

    @Test
    void roundTripOfNonContiguousViewWritesRowMajorValues() throws IOException {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1);
        Path p = dir.resolve("view.safetensors");
        SafeTensors.save(p, Map.of("t", t));
        Tensor back = SafeTensors.load(p).get("t");
        assertArrayEquals(new int[] {3, 2}, back.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, back.toFloatArray());
    }

    @Test
    void savedFileFollowsTheSpecByteForByte() throws IOException {
        Path p = dir.resolve("spec.safetensors");
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("b", Tensor.of(new float[] {1, 2}, 2));
        m.put("a", Tensor.of(new float[] {3}, 1, 1));
        SafeTensors.save(p, m, Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}", header.stripTrailing());
        assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '),
                "padding is spaces");
        assertArrayEquals(Raw.f32(1, 2, 3), Arrays.copyOfRange(bytes, 8 + (int) n, bytes.length));
        assertArrayEquals(bytes, SafeTensors.toBytes(m, Map.of("format", "pt")), "toBytes is what save writes");
    }

    @Test
    void metadataRoundTripsIncludingEscapesAndUnicode() throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("module", "LSTM");
        meta.put("quote\"back\\slash", "line\nbreak\ttab\u0001ctl");
        meta.put("ünïcødé", "日本語 \uD83D\uDE00");
        meta.put("", "");
        Path p = dir.resolve("meta.safetensors");
        SafeTensors.save(p, Map.of("x", Tensor.ones(2)), meta);
        assertEquals(List.copyOf(meta.entrySet()), List.copyOf(SafeTensors.metadata(p).entrySet()));
        assertEquals(Map.of("x", 2), SafeTensors.load(p).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().numel())));
    }

    @Test
    void emptyMapSavesAndLoads() throws IOException {
        Path p = dir.resolve("none.safetensors");
        SafeTensors.save(p, Map.of());
        assertEquals(Map.of(), SafeTensors.load(p));
    }

    // ---------------------------------------------------------------- dtypes

    @Test
    void readsF64() throws IOException {
        Path p = write(Raw.file("{\"x\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,24]}}",
                Raw.f64(0.1, -1e300, 3.0)));
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY, 3f}, SafeTensors.load(p).get("x").toFloatArray());
    }

    @Test
    void readsF16IncludingSubnormalsAndSpecials() throws IOException {
        int[] halves = {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x8400, 0x7C00, 0xFC00, 0x3555, 0x0000, 0x8000};
        float[] expected = {1f, -2f, 65504f, 0x1p-24f, -0x1p-14f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 0.33325195f, 0f, -0f};
        Path p = write(Raw.file("{\"h\":{\"dtype\":\"F16\",\"shape\":[2,5],\"data_offsets\":[0,20]}}",
                Raw.u16(halves)));
        Tensor t = SafeTensors.load(p).get("h");
        assertArrayEquals(new int[] {2, 5}, t.shape());
        assertArrayEquals(bits(expected), bits(t.toFloatArray()));
        assertTrue(Float.isNaN(ElementType.halfToFloat((short) 0x7E00)), "F16 NaN stays NaN");
    }

    @Test
    void readsBF16() throws IOException {
        Path p = write(Raw.file("{\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[0,8]}}",
                Raw.u16(0x3F80, 0xC000, 0x4049, 0x0001)));
        assertArrayEquals(new float[] {1f, -2f, 3.140625f, Float.intBitsToFloat(0x00010000)},
                SafeTensors.load(p).get("b").toFloatArray());
    }

    @Test
    void mixedDtypesKeepFileOrderNotOffsetOrder() throws IOException {
        String h = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"second\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"first\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}";
        Path p = write(Raw.file(h, Raw.concat(Raw.f64(2.5), Raw.f32(-1))));
        Map<String, Tensor> m = SafeTensors.load(p);
        assertEquals(List.of("second", "first"), List.copyOf(m.keySet()));
        assertEquals(-1f, m.get("second").item());
        assertEquals(0, m.get("first").dim());
        assertEquals(2.5f, m.get("first").item());
        assertEquals(Map.of("k", "v"), SafeTensors.metadata(p));
    }

    @Test
    void acceptsWhitespacePaddingAndUnknownEntryFields() throws IOException {
        Path p = write(Raw.file("{ \"x\" : {\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":[{}]} }\n \t ",
                Raw.f32(5)));
        assertEquals(5f, SafeTensors.load(p).get("x").item());
    }

    @Test
    void largeTensorIsMemoryMappedAndCorrect() throws IOException {
        int n = 3 << 20; // 12 MB of float32: above the plain-read threshold
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i * 0.5f - 7;
        Path p = dir.resolve("big.safetensors");
        SafeTensors.save(p, Map.of("big", Tensor.of(v, 3, 1 << 20)));
        assertArrayEquals(v, SafeTensors.load(p).get("big").toFloatArray());
    }

    @Test
    void tensorsSpanningSeveralMappingWindowsDecodeEveryDtype() throws IOException {
        // 3 MB per tensor through 1.5 MB windows: mapped (above the plain-read threshold) and split.
        int n = 3 << 19; // elements per tensor
        java.util.Random r = new java.util.Random(5);
        double[] d = new double[n / 2];
        int[] h = new int[n];
        float[] f = new float[n];
        for (int i = 0; i < d.length; i++) d[i] = r.nextGaussian();
        for (int i = 0; i < n; i++) h[i] = r.nextInt(0x7c00); // finite positive halves
        for (int i = 0; i < n; i++) f[i] = (float) r.nextGaussian();
        byte[] data = Raw.concat(Raw.f64(d), Raw.u16(h), Raw.u16(h), Raw.f32(f));
        long a = 8L * d.length, b = a + 2L * n, c = b + 2L * n, e = c + 4L * n;
        String header = "{\"d\":{\"dtype\":\"F64\",\"shape\":[" + d.length + "],\"data_offsets\":[0," + a + "]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[" + n + "],\"data_offsets\":[" + a + "," + b + "]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[" + n + "],\"data_offsets\":[" + b + "," + c + "]},"
                + "\"f\":{\"dtype\":\"F32\",\"shape\":[" + n + "],\"data_offsets\":[" + c + "," + e + "]}}";
        Path p = write(Raw.file(header, data));
        Map<String, Tensor> m = SafeTensors.load(p, 3 << 19);
        float[] got = m.get("d").toFloatArray();
        for (int i = 0; i < d.length; i++) assertEquals((float) d[i], got[i], "F64 element " + i);
        got = m.get("h").toFloatArray();
        for (int i = 0; i < n; i++) assertEquals(ElementType.halfToFloat((short) h[i]), got[i], "F16 element " + i);
        got = m.get("b").toFloatArray();
        for (int i = 0; i < n; i++) assertEquals(Float.intBitsToFloat(h[i] << 16), got[i], "BF16 element " + i);
        assertArrayEquals(f, m.get("f").toFloatArray());
        assertEquals(List.copyOf(SafeTensors.load(p).keySet()), List.copyOf(m.keySet()));
    }

    @Test
    void halfToFloatMatchesTheDefinitionForEveryFiniteHalf() {
        for (int bitsValue = 0; bitsValue < 0x10000; bitsValue++) {
            int exp = (bitsValue >>> 10) & 0x1f, mant = bitsValue & 0x3ff;
            if (exp == 0x1f) continue; // infinities and NaN: checked elsewhere
            double v = exp == 0 ? mant * Math.pow(2, -24) : (1 + mant / 1024.0) * Math.pow(2, exp - 15);
            if ((bitsValue & 0x8000) != 0) v = -v;
            float got = ElementType.halfToFloat((short) bitsValue);
            assertEquals(Float.floatToIntBits((float) v), Float.floatToIntBits(got), "half 0x" + Integer.toHexString(bitsValue));
        }
    }

    @Test
    void saveValidatesArguments() {
        Path p = dir.resolve("x.safetensors");
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        Map<String, Tensor> nullName = new LinkedHashMap<>();
        nullName.put(null, Tensor.ones(1));
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        assertIae(() -> SafeTensors.save(null, Map.of()), "path");
        assertIae(() -> SafeTensors.save(p, null), "tensors");
        assertIae(() -> SafeTensors.save(p, Map.of(), null), "metadata");
        assertIae(() -> SafeTensors.save(p, withNull), "tensor 'a' is null");
        assertIae(() -> SafeTensors.save(p, nullName), "name");
        assertIae(() -> SafeTensors.save(p, Map.of("", Tensor.ones(1))), "empty");
        assertIae(() -> SafeTensors.save(p, Map.of("__metadata__", Tensor.ones(1))), "reserved");
        assertIae(() -> SafeTensors.save(p, Map.of(), nullValue), "\"k\"");
        assertIae(() -> SafeTensors.load(null), "path");
        assertIae(() -> SafeTensors.metadata(null), "path");
        assertTrue(Files.notExists(p));
    }

    private static void assertIae(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertTrue(ex.getMessage().contains(fragment), "message '" + ex.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void failedSaveKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path p = dir.resolve("model.safetensors");
        SafeTensors.save(p, Map.of("old", Tensor.ones(3)));
        byte[] before = Files.readAllBytes(p);
        IOException boom = new IOException("disk full (simulated)");
        IOException ex = assertThrows(IOException.class, () -> SafeTensors.save(p, Map.of("new", Tensor.zeros(5)),
                Map.of(), tmp -> {
                    assertTrue(Files.size(tmp) > 0, "temporary file written before the commit point");
                    throw boom;
                }));
        assertEquals(boom, ex);
        assertArrayEquals(before, Files.readAllBytes(p), "old file untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.collect(Collectors.toList()), "temporary file removed");
        }
        // An invalid argument also leaves it alone.
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(p, Map.of("", Tensor.ones(1))));
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    @Test
    void saveReplacesAnExistingFile() throws IOException {
        Path p = dir.resolve("model.safetensors");
        SafeTensors.save(p, Map.of("old", Tensor.ones(3)));
        SafeTensors.save(p, Map.of("new", Tensor.zeros(2)));
        assertEquals(List.of("new"), List.copyOf(SafeTensors.load(p).keySet()));
    }

    @Test
    void saveOntoADirectoryFailsCleanly() throws IOException {
        Path d = Files.createDirectory(dir.resolve("occupied"));
        Files.writeString(d.resolve("child"), "x");
        assertThrows(IOException.class, () -> SafeTensors.save(d, Map.of("a", Tensor.ones(1))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(d), files.collect(Collectors.toList()), "no temporary left behind");
        }
    }

    // ---------------------------------------------------------------- helpers

    static int[] bits(Tensor t) {
        return bits(t.toFloatArray());
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }
}
