package org.rnn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.zip.CRC32;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * The CRC-32 (zlib's, {@code zlib.crc32} in Python) of a safetensors file's data section: the
 * bytes after the header, computed before a save from the tensors themselves (in the bytes
 * {@link SafeTensors#save} writes: F32 or I64, little-endian, in order) and after a load from
 * the file. Checkpoints and model files carry it in their metadata, so that a flipped bit or a
 * file spliced from two others is refused instead of silently resuming from wrong numbers.
 */
final class DataChecksum {
    private static final int CHUNK = 1 << 16;

    private DataChecksum() {}

    /** The checksum of the data SafeTensors.save writes for {@code tensors}, in iteration order. */
    static long of(Collection<Tensor> tensors) {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors) {
            if (t.dtype() == DType.INT64) {
                long[] v = t.toLongArray();
                for (int i = 0; i < v.length; i += CHUNK / 8) {
                    int n = Math.min(v.length - i, CHUNK / 8);
                    buf.clear();
                    buf.asLongBuffer().put(v, i, n);
                    crc.update(buf.array(), 0, 8 * n);
                }
            } else {
                float[] v = t.toFloatArray();
                for (int i = 0; i < v.length; i += CHUNK / 4) {
                    int n = Math.min(v.length - i, CHUNK / 4);
                    buf.clear();
                    buf.asFloatBuffer().put(v, i, n);
                    crc.update(buf.array(), 0, 4 * n);
                }
            }
        }
        return crc.getValue();
    }

    /** The checksum of the data section of the safetensors file at {@code path} (header validated first). */
    static long of(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Header header = Header.read(ch);
            CRC32 crc = new CRC32();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long position = header.dataStart;
            long end = header.dataStart + header.dataLength;
            while (position < end) {
                buf.clear().limit((int) Math.min(CHUNK, end - position));
                int r = ch.read(buf, position);
                if (r < 0) throw new IOException("file ended at byte " + position + " while reading its data");
                buf.flip();
                crc.update(buf);
                position += r;
            }
            return crc.getValue();
        }
    }
}
