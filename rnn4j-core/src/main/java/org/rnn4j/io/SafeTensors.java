package org.rnn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format: an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON
 * (per tensor {@code dtype}, {@code shape}, {@code data_offsets}; an optional
 * {@code __metadata__} string map), then the little-endian tensor data.
 *
 * <p>Files are untrusted input: every structural problem (truncation, an oversized header,
 * offsets outside the data or overlapping, byte counts that disagree with dtype and shape,
 * malformed JSON, unsupported dtypes) is an {@link IOException} naming the tensor and the
 * problem, checked before any data is read, so a hostile file cannot crash, hang or exhaust
 * memory. Tensor data is memory-mapped, so a large file is copied once, into the tensors' arrays.
 *
 * <p>Floating-point data (F32, F64, F16, BF16) loads as {@link DType#FLOAT32} tensors and I64 as
 * {@link DType#INT64}; saving writes FLOAT32 tensors as F32 and INT64 ones as I64, the element
 * types {@code safetensors.torch} uses for {@code torch.float32} and {@code torch.int64}.
 *
 * <p>Saving writes to a temporary file in the target directory, forces it to disk, atomically
 * renames it into place and forces the directory: a failed or interrupted save (a crash, a
 * {@code kill -9}) leaves either the old file or the new one, never a torn one.
 *
 * <p>All methods are thread-safe (they share no state).
 */
public final class SafeTensors {
    /** Tensors at most this big are read with one plain read; bigger ones are memory-mapped. */
    private static final int MAP_THRESHOLD = 1 << 20;
    /** Mapping window for huge tensors (a MappedByteBuffer holds at most 2 GiB); a multiple of 8. */
    private static final int CHUNK_BYTES = 1 << 30;
    private static final String METADATA_KEY = "__metadata__";

    private SafeTensors() {}

    /**
     * Loads every tensor of the file, in the order of the file's header: floating-point data
     * converted to float32, I64 data as INT64 tensors.
     *
     * @throws IOException if the file cannot be read or is not a valid safetensors file of
     *     F32, F64, F16, BF16 or I64 tensors; the message names the tensor and the problem
     */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return load(path, CHUNK_BYTES);
    }

    /** {@link #load(Path)} with a smaller mapping window, so tests can cover multi-window tensors. */
    static Map<String, Tensor> load(Path path, int chunkBytes) throws IOException {
        if (chunkBytes <= 0 || chunkBytes % 8 != 0) throw new IllegalArgumentException("chunkBytes " + chunkBytes);
        requirePath(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Header header = Header.read(ch);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Header.Entry e : header.entries) {
                out.put(e.name, read(ch, header, e, chunkBytes));
            }
            return out;
        } catch (InternalError ex) {
            // A mapped file truncated by someone else while we read it faults as InternalError.
            throw new IOException(path + " changed while it was being read: " + ex.getMessage(), ex);
        }
    }

    /**
     * The {@code __metadata__} string map of the file (empty when absent), in file order. Only
     * the header is read, and it is validated as thoroughly as by {@link #load}.
     */
    public static Map<String, String> metadata(Path path) throws IOException {
        requirePath(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return Header.read(ch).metadata;
        }
    }

    /**
     * The header's description of every tensor (name, stored dtype, shape, byte length), in file
     * order, without reading the data; validated as thoroughly as by {@link #load}.
     */
    public static java.util.List<TensorInfo> describe(Path path) throws IOException {
        requirePath(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            java.util.List<TensorInfo> out = new java.util.ArrayList<>();
            for (Header.Entry e : Header.read(ch).entries) {
                out.add(new TensorInfo(e.name, e.dtype.name(), e.shape.clone(), e.end - e.begin));
            }
            return out;
        }
    }

    /** Saves {@code tensors} (FLOAT32 as F32, INT64 as I64), in map order, without metadata. */
    public static void save(Path path, Map<String, Tensor> tensors) throws IOException {
        save(path, tensors, Collections.emptyMap());
    }

    /**
     * Saves {@code tensors} (FLOAT32 as F32, INT64 as I64) in map order, with {@code metadata} as the header's
     * {@code __metadata__} (omitted when empty). The header is padded with spaces to a multiple
     * of 8 bytes, as the reference implementation does, so the data is 8-byte aligned.
     *
     * @throws IllegalArgumentException if the path, a map, a name, a tensor, a metadata key
     *     or value is null, or a tensor name is empty or {@code "__metadata__"}
     * @throws IOException if writing fails; an existing file at {@code path} is then unchanged
     */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        save(path, tensors, metadata, tmp -> { });
    }

    /** Test seam: runs {@code beforeCommit} on the complete temporary file before it is moved. */
    interface BeforeCommit {
        void run(Path tmp) throws IOException;
    }

    static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata, BeforeCommit beforeCommit)
            throws IOException {
        requirePath(path);
        if (tensors == null) throw new IllegalArgumentException("tensors must not be null");
        if (metadata == null) throw new IllegalArgumentException("metadata must not be null (use an empty map)");
        // Snapshot once: the map is iterated twice (header, data) and must not change in between.
        List<Map.Entry<String, Tensor>> items = new ArrayList<>(tensors.entrySet());
        for (Map.Entry<String, Tensor> e : items) {
            String name = e.getKey();
            if (name == null) throw new IllegalArgumentException("tensor name must not be null");
            if (name.isEmpty()) throw new IllegalArgumentException("tensor name must not be empty");
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("tensor name \"" + METADATA_KEY + "\" is reserved for metadata");
            }
            if (e.getValue() == null) throw new IllegalArgumentException("tensor '" + name + "' is null");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null) throw new IllegalArgumentException("metadata key must not be null");
            if (e.getValue() == null) {
                throw new IllegalArgumentException("metadata value for \"" + e.getKey() + "\" must not be null");
            }
            meta.put(e.getKey(), e.getValue());
        }
        byte[] header = headerBytes(items, meta);

        Path target = path.toAbsolutePath();
        Path tmp = createTemp(target);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
                writeFully(ch, len);
                writeFully(ch, ByteBuffer.wrap(header));
                for (Map.Entry<String, Tensor> e : items) writeData(ch, e.getValue());
                ch.force(true); // on disk before the rename makes it visible
            }
            beforeCommit.run(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(tmp);
        }
        syncDirectory(target.getParent());
    }

    /**
     * Forces the directory entry of a rename to disk (POSIX: a renamed file survives a power
     * failure only once its directory is synced). A platform that cannot open a directory as a
     * channel (Windows) makes renames durable by itself, and is skipped.
     */
    static void syncDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException ex) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }

    /**
     * The exact bytes {@link #save} writes, in memory (no validation beyond save's, no fsync);
     * lets tests round-trip thousands of files quickly. Tensors must fit one array together.
     */
    static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        List<Map.Entry<String, Tensor>> items = new ArrayList<>(tensors.entrySet());
        byte[] header = headerBytes(items, new LinkedHashMap<>(metadata));
        long size = 8L + header.length;
        for (Map.Entry<String, Tensor> e : items) size += byteLength(e.getValue());
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header);
        for (Map.Entry<String, Tensor> e : items) {
            Tensor t = e.getValue();
            if (t.dtype() == DType.INT64) {
                for (long v : t.toLongArray()) buf.putLong(v);
            } else {
                for (float v : t.toFloatArray()) buf.putFloat(v);
            }
        }
        return buf.array();
    }

    // ------------------------------------------------------------------ reading

    private static Tensor read(FileChannel ch, Header header, Header.Entry e, int chunkBytes) throws IOException {
        if (e.numel > Header.MAX_ELEMENTS) {
            throw new IOException("tensor '" + e.name + "': shape " + Arrays.toString(e.shape) + " has " + e.numel
                    + " elements, more than a Java array can hold");
        }
        boolean integral = e.dtype.integral();
        float[] floats = integral ? null : new float[(int) e.numel];
        long[] longs = integral ? new long[(int) e.numel] : null;
        long position = header.dataStart + e.begin;
        long remaining = e.end - e.begin;
        int at = 0;
        while (remaining > 0) {
            int chunk = (int) Math.min(remaining, chunkBytes); // a multiple of every dtype width
            ByteBuffer buf = chunk <= MAP_THRESHOLD
                    ? Header.readFully(ch, position, chunk)
                    : ch.map(FileChannel.MapMode.READ_ONLY, position, chunk);
            int count = chunk / e.dtype.bytes;
            if (integral) e.dtype.decode(buf, longs, at, count);
            else e.dtype.decode(buf, floats, at, count);
            at += count;
            position += chunk;
            remaining -= chunk;
        }
        return integral ? TensorAccess.wrapLongs(longs, e.shape) : TensorAccess.wrap(floats, e.shape);
    }

    // ------------------------------------------------------------------ writing

    private static byte[] headerBytes(List<Map.Entry<String, Tensor>> items, Map<String, String> meta) {
        StringBuilder sb = new StringBuilder("{");
        if (!meta.isEmpty()) {
            JsonWriter.quote(sb, METADATA_KEY).append(":{");
            String sep = "";
            for (Map.Entry<String, String> e : meta.entrySet()) {
                JsonWriter.quote(sb.append(sep), e.getKey()).append(':');
                JsonWriter.quote(sb, e.getValue());
                sep = ",";
            }
            sb.append('}');
        }
        long offset = 0;
        String sep = meta.isEmpty() ? "" : ",";
        for (Map.Entry<String, Tensor> e : items) {
            int[] shape = e.getValue().shape();
            long bytes = byteLength(e.getValue());
            String type = e.getValue().dtype() == DType.INT64 ? "I64" : "F32";
            JsonWriter.quote(sb.append(sep), e.getKey()).append(":{\"dtype\":\"").append(type).append("\",\"shape\":[");
            for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : ",").append(shape[i]);
            sb.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
            sep = ",";
        }
        sb.append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /** Bytes of t's data as saved: 4 per FLOAT32 element, 8 per INT64 one. */
    private static long byteLength(Tensor t) {
        return (t.dtype() == DType.INT64 ? 8L : 4L) * t.numel();
    }

    private static void writeData(FileChannel ch, Tensor t) throws IOException {
        if (t.dtype() == DType.INT64) writeLongs(ch, t.toLongArray());
        else writeFloats(ch, t.toFloatArray());
    }

    private static void writeLongs(FileChannel ch, long[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < data.length) {
            int n = Math.min(data.length - i, buf.capacity() / 8);
            buf.clear();
            buf.asLongBuffer().put(data, i, n);
            buf.limit(8 * n);
            writeFully(ch, buf);
            i += n;
        }
    }

    private static void writeFloats(FileChannel ch, float[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < data.length) {
            int n = Math.min(data.length - i, buf.capacity() / 4);
            buf.clear();
            buf.asFloatBuffer().put(data, i, n);
            buf.limit(4 * n);
            writeFully(ch, buf);
            i += n;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }

    /**
     * A new empty file next to {@code target} (same directory, hence same file system, so the
     * final rename can be atomic), created with the default permissions of a new file.
     */
    private static Path createTemp(Path target) throws IOException {
        Path dir = target.getParent();
        String base = "." + target.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(base + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException ex) {
                if (attempt >= 100) throw ex;
            }
        }
    }

    private static void requirePath(Path path) {
        if (path == null) throw new IllegalArgumentException("path must not be null");
    }
}
