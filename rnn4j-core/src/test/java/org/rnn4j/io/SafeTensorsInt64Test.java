package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * I64 data loads as INT64 tensors and INT64 tensors save as I64: against a file PyTorch wrote
 * ({@code tools/make_int64_fixture.py}), against hand-built bytes, and round trip.
 */
class SafeTensorsInt64Test {
    @TempDir
    Path dir;

    /** The content of tools/make_int64_fixture.py's tensors(), spelled out. */
    @Test
    void loadsTheFileWrittenFromPyTorch() throws Exception {
        Map<String, Tensor> t = SafeTensors.load(fixture());
        assertEquals(List.of("index", "column", "empty", "scalar", "weight"), List.copyOf(t.keySet()));
        assertInt64(t.get("index"), new int[] {2, 3}, 0, 1, -1, (1L << 40) + 3, Long.MIN_VALUE, Long.MAX_VALUE);
        assertInt64(t.get("column"), new int[] {4, 3}, 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
        assertInt64(t.get("empty"), new int[] {0, 2});
        assertInt64(t.get("scalar"), new int[] {}, -7);
        assertEquals(DType.FLOAT32, t.get("weight").dtype());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3f, 0.001f}, t.get("weight").toFloatArray());
        assertEquals(Map.of("source", "tools/make_int64_fixture.py"), SafeTensors.metadata(fixture()));
    }

    @Test
    void savingWhatWasLoadedReproducesPyTorchsBytesExactly() throws Exception {
        Path f = fixture();
        byte[] ours = SafeTensors.toBytes(SafeTensors.load(f), SafeTensors.metadata(f));
        assertArrayEquals(Files.readAllBytes(f), ours);
        Path saved = dir.resolve("again.safetensors");
        SafeTensors.save(saved, SafeTensors.load(f), SafeTensors.metadata(f));
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(saved));
    }

    @Test
    void handBuiltI64BytesLoadLittleEndian() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        data.putLong(0x0102030405060708L).putLong(-2).putLong(Long.MIN_VALUE + 1);
        Path p = dir.resolve("h.safetensors");
        Files.write(p, Raw.file("{\"i\":{\"dtype\":\"I64\",\"shape\":[3,1],\"data_offsets\":[0,24]}}", data.array()));
        assertInt64(SafeTensors.load(p).get("i"), new int[] {3, 1}, 0x0102030405060708L, -2, Long.MIN_VALUE + 1);
        assertEquals("I64", SafeTensors.describe(p).get(0).dtype());
    }

    @Test
    void mixedDtypesRoundTripIncludingViewsAndLargeTensors() throws IOException {
        long[] big = new long[50_000]; // more than one 64 KiB write buffer
        for (int i = 0; i < big.length; i++) big[i] = (long) i * 0x9E3779B97F4A7C15L;
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("big", Tensor.ofLongs(big, 250, 200));
        in.put("view", Tensor.ofLongs(new long[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1).narrow(0, 1, 2));
        in.put("f", Tensor.of(new float[] {1.5f, -2f}, 2));
        in.put("zero-d", Tensor.ofLongs(new long[] {Long.MAX_VALUE}));
        Path p = dir.resolve("mixed.safetensors");
        SafeTensors.save(p, in);
        Map<String, Tensor> out = SafeTensors.load(p, 1 << 16); // small mapping window: I64 over several
        assertEquals(List.copyOf(in.keySet()), List.copyOf(out.keySet()));
        assertInt64(out.get("big"), new int[] {250, 200}, big);
        assertInt64(out.get("view"), new int[] {2, 2}, 2, 5, 3, 6);
        assertArrayEquals(new float[] {1.5f, -2f}, out.get("f").toFloatArray());
        assertInt64(out.get("zero-d"), new int[] {}, Long.MAX_VALUE);
        assertArrayEquals(Files.readAllBytes(p), SafeTensors.toBytes(in, Map.of()));
    }

    @Test
    void i64WithTheWrongByteCountIsRejected() throws IOException {
        Path p = dir.resolve("bad.safetensors");
        Files.write(p, Raw.file("{\"i\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,12]}}", new byte[12]));
        IOException e = assertThrows(IOException.class, () -> SafeTensors.load(p));
        assertTrue(e.getMessage().contains("tensor 'i'") && e.getMessage().contains("needs 16"), e.getMessage());
    }

    private static void assertInt64(Tensor t, int[] shape, long... values) {
        assertEquals(DType.INT64, t.dtype());
        assertArrayEquals(shape, t.shape());
        assertArrayEquals(values, t.toLongArray());
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(SafeTensorsInt64Test.class.getResource("/fixtures/int64/torch_int64.safetensors").toURI());
    }
}
