package org.rnn4j.io;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated safetensors header: the metadata, and the tensor entries in file order with
 * offsets proven to tile the data buffer exactly.
 *
 * <p>Everything is checked before a single data byte is touched, so a loader that trusts a
 * {@code Header} cannot read out of bounds or allocate more than the file holds.
 */
final class Header {
    /** Same bound as the reference Rust implementation (MAX_HEADER_SIZE). */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Largest Java array: a tensor with more elements cannot be loaded. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** One tensor: name, dtype, shape and byte range relative to the data buffer. */
    static final class Entry {
        final String name;
        final ElementType dtype;
        final int[] shape;
        final long numel;
        final long begin;
        final long end;

        Entry(String name, ElementType dtype, int[] shape, long numel, long begin, long end) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
            this.numel = numel;
            this.begin = begin;
            this.end = end;
        }
    }

    final Map<String, String> metadata;
    final List<Entry> entries;
    /** Absolute file position of the first data byte. */
    final long dataStart;
    final long dataLength;

    private Header(Map<String, String> metadata, List<Entry> entries, long dataStart, long dataLength) {
        this.metadata = metadata;
        this.entries = entries;
        this.dataStart = dataStart;
        this.dataLength = dataLength;
    }

    /** Reads and validates the header of the file open on {@code ch}. */
    static Header read(FileChannel ch) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw new IOException("file is " + fileSize + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer lenBuf = readFully(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
        long n = lenBuf.getLong(0); // u64: a value >= 2^63 reads as negative
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new IOException("header length " + Long.toUnsignedString(n) + " exceeds the maximum of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        if (n > fileSize - 8) {
            throw new IOException("header length " + n + " exceeds the file size (" + fileSize
                    + " bytes, so at most " + (fileSize - 8) + ")");
        }
        if (n < 2) throw new IOException("header length " + n + " is too small to hold a JSON object");
        ByteBuffer raw = readFully(ch, 8, (int) n);
        if (raw.get(0) != '{') {
            throw new IOException("header does not start with '{' (found byte 0x"
                    + Integer.toHexString(raw.get(0) & 0xff) + ")");
        }
        String text = decodeUtf8(raw);
        raw = null; // let the bytes go before the entries are built
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        Json.parseObject(text, (key, value) -> {
            if (key.equals("__metadata__")) {
                metadata.putAll(metadata(value)); // at most once: duplicate keys are rejected
            } else {
                entries.add(entry(key, value));
            }
        });
        long dataLength = fileSize - 8 - n;
        checkTiling(entries, dataLength);
        return new Header(Collections.unmodifiableMap(metadata), Collections.unmodifiableList(entries), 8 + n,
                dataLength);
    }

    private static Map<String, String> metadata(Object v) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == Json.NULL) return out;
        if (!(v instanceof Map)) throw new IOException("__metadata__ must be a JSON object, found " + kind(v));
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new IOException("__metadata__ value for \"" + e.getKey() + "\" must be a string, found "
                        + kind(e.getValue()));
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return out;
    }

    private static Entry entry(String name, Object v) throws IOException {
        String where = "tensor '" + name + "': ";
        if (!(v instanceof Map)) throw new IOException(where + "entry must be a JSON object, found " + kind(v));
        Map<?, ?> m = (Map<?, ?>) v;
        // Unknown extra fields are ignored, as the reference implementation does.
        Object dt = m.get("dtype");
        if (!(dt instanceof String)) throw new IOException(where + "dtype must be a string, found " + kind(dt));
        ElementType dtype = ElementType.byName((String) dt);
        if (dtype == null) {
            boolean known = Arrays.asList(ElementType.SPEC_DTYPES.split(" ")).contains(dt);
            throw new IOException(where + (known ? "dtype " + dt + " is not supported" : "unknown dtype \"" + dt + "\"")
                    + " (rnn4j reads F32, F64, F16, BF16 and I64)");
        }
        long[] dims = integers(where, "shape", m.get("shape"), -1);
        int[] shape = new int[dims.length];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) {
                throw new IOException(where + "shape " + Arrays.toString(dims) + " has dimension " + dims[i]
                        + " larger than " + Integer.MAX_VALUE);
            }
            shape[i] = (int) dims[i];
            try {
                numel = Math.multiplyExact(numel, dims[i]);
            } catch (ArithmeticException ex) {
                throw new IOException(where + "shape " + Arrays.toString(dims) + " has too many elements (overflow)");
            }
        }
        long[] off = integers(where, "data_offsets", m.get("data_offsets"), 2);
        if (off[1] < off[0]) {
            throw new IOException(where + "data_offsets [" + off[0] + ", " + off[1] + "] end before they begin");
        }
        long expected;
        try {
            expected = Math.multiplyExact(numel, (long) dtype.bytes);
        } catch (ArithmeticException ex) {
            throw new IOException(where + "shape " + Arrays.toString(dims) + " has too many elements (overflow)");
        }
        if (off[1] - off[0] != expected) {
            throw new IOException(where + "data_offsets [" + off[0] + ", " + off[1] + "] span " + (off[1] - off[0])
                    + " bytes but " + dtype + " shape " + Arrays.toString(dims) + " needs " + expected);
        }
        return new Entry(name, dtype, shape, numel, off[0], off[1]);
    }

    /** A JSON array of non-negative integers fitting a long; {@code length < 0} means any length. */
    private static long[] integers(String where, String field, Object v, int length) throws IOException {
        if (!(v instanceof List)) throw new IOException(where + field + " must be a JSON array, found " + kind(v));
        List<?> list = (List<?>) v;
        if (length >= 0 && list.size() != length) {
            throw new IOException(where + field + " must have " + length + " elements, found " + list.size());
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object x = list.get(i);
            if (x instanceof BigInteger) {
                throw new IOException(where + field + "[" + i + "] = " + x + " is too large");
            }
            if (!(x instanceof Long)) {
                throw new IOException(where + field + "[" + i + "] must be an integer, found " + kind(x));
            }
            long value = (Long) x;
            if (value < 0) throw new IOException(where + field + "[" + i + "] = " + value + " is negative");
            out[i] = value;
        }
        return out;
    }

    /**
     * Proves that the byte ranges, sorted by position, start at 0, follow each other without
     * gap or overlap and end exactly at the end of the data buffer (the spec forbids holes).
     */
    private static void checkTiling(List<Entry> entries, long dataLength) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.<Entry>comparingLong(e -> e.begin).thenComparingLong(e -> e.end));
        long cursor = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.end > dataLength) {
                throw new IOException("tensor '" + e.name + "': data_offsets [" + e.begin + ", " + e.end
                        + "] lie outside the data buffer of " + dataLength + " bytes");
            }
            if (e.begin < cursor) {
                throw new IOException("tensor '" + e.name + "': data_offsets [" + e.begin + ", " + e.end
                        + "] overlap tensor '" + previous.name + "' [" + previous.begin + ", " + previous.end + "]");
            }
            if (e.begin > cursor) {
                throw new IOException("tensor '" + e.name + "': data_offsets [" + e.begin + ", " + e.end
                        + "] leave a gap of " + (e.begin - cursor) + " unused bytes before them");
            }
            cursor = e.end;
            previous = e;
        }
        if (cursor != dataLength) {
            throw new IOException("data buffer is " + dataLength + " bytes but the tensors cover only " + cursor
                    + " (" + (dataLength - cursor) + " trailing bytes unaccounted for)");
        }
    }

    private static String decodeUtf8(ByteBuffer raw) throws IOException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(raw.duplicate());
            return chars.toString();
        } catch (CharacterCodingException ex) {
            throw new IOException("header is not valid UTF-8: " + ex);
        }
    }

    static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int r = ch.read(buf, position + buf.position());
            if (r < 0) {
                throw new EOFException("file ended at byte " + (position + buf.position()) + " while reading "
                        + length + " bytes at " + position);
            }
        }
        buf.flip();
        return buf;
    }

    private static String kind(Object v) {
        if (v == null) return "nothing (missing)";
        if (v == Json.NULL) return "null";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "an array";
        if (v instanceof String) return "a string";
        if (v instanceof Boolean) return "a boolean";
        return "the number " + v;
    }
}
