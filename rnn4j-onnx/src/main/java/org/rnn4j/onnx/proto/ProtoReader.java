package org.rnn4j.onnx.proto;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A cursor over one protobuf message in a byte array: reads field tags and values of the wire
 * format (varint, 64-bit, length-delimited, 32-bit) and refuses anything malformed with an
 * IOException instead of reading past the message or allocating what the bytes do not hold.
 *
 * <p>A length-delimited field is checked against the bytes that remain before it is read, so a
 * truncated or lying length fails here, cleanly. Nested messages get a sub-reader over exactly their
 * bytes ({@link #message()}), whose depth is counted against {@link #MAX_DEPTH}.
 */
public final class ProtoReader {
    /** Deepest nesting of messages accepted (a graph in an attribute in a node in a graph ...). */
    public static final int MAX_DEPTH = 64;

    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int limit;
    private final int depth;
    private int lastWireType = -1;

    public ProtoReader(byte[] buf) {
        this(buf, 0, buf.length, 0);
    }

    private ProtoReader(byte[] buf, int from, int limit, int depth) {
        this.buf = buf;
        this.pos = from;
        this.limit = limit;
        this.depth = depth;
    }

    /** True while the message has bytes left. */
    public boolean hasMore() {
        return pos < limit;
    }

    /** The next field's number; its wire type is then {@link #wireType()}. */
    public int nextField() throws IOException {
        long tag = readVarint();
        int wire = (int) (tag & 7);
        long field = tag >>> 3;
        if (field == 0 || field > 0x1FFFFFFF) throw new IOException("invalid protobuf field number " + field + " at byte " + pos);
        if (wire != VARINT && wire != FIXED64 && wire != LENGTH_DELIMITED && wire != FIXED32) {
            throw new IOException("unsupported protobuf wire type " + wire + " (field " + field + ") at byte " + pos);
        }
        lastWireType = wire;
        return (int) field;
    }

    public int wireType() {
        return lastWireType;
    }

    public long readVarint() throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) throw truncated("a varint");
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) return result;
        }
        throw new IOException("malformed varint (more than 10 bytes) at byte " + pos);
    }

    /** A varint field that must fit an int (lengths, enums, counts). */
    public int readInt32() throws IOException {
        long v = readVarint();
        // int32 fields are sign-extended to 64 bits on the wire
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw new IOException("int32 value out of range: " + v);
        return (int) v;
    }

    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readFixed32());
    }

    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readFixed64());
    }

    public int readFixed32() throws IOException {
        need(4, "a 32-bit value");
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long readFixed64() throws IOException {
        long lo = readFixed32() & 0xFFFFFFFFL;
        long hi = readFixed32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    /** The length of a length-delimited field, checked against the bytes left. */
    private int readLength() throws IOException {
        long len = readVarint();
        if (len < 0 || len > limit - pos) {
            throw new IOException("truncated or corrupt protobuf: a field of " + len + " bytes at byte " + pos
                    + " but only " + (limit - pos) + " bytes remain");
        }
        return (int) len;
    }

    public byte[] readBytes() throws IOException {
        int len = readLength();
        byte[] out = new byte[len];
        System.arraycopy(buf, pos, out, 0, len);
        pos += len;
        return out;
    }

    public String readString() throws IOException {
        int len = readLength();
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw new IOException("a string field at byte " + pos + " is not valid UTF-8", e);
        }
    }

    /** A reader over the nested message that the current length-delimited field holds. */
    public ProtoReader message() throws IOException {
        if (depth + 1 > MAX_DEPTH) throw new IOException("protobuf messages nested deeper than " + MAX_DEPTH);
        int len = readLength();
        ProtoReader sub = new ProtoReader(buf, pos, pos + len, depth + 1);
        pos += len;
        return sub;
    }

    /**
     * A packed repeated field's payload as a reader over its bytes (each element then read with
     * {@link #readVarint()} or the fixed readers), and its byte count via {@link #remaining()}.
     */
    public ProtoReader packed() throws IOException {
        int len = readLength();
        ProtoReader sub = new ProtoReader(buf, pos, pos + len, depth);
        pos += len;
        return sub;
    }

    public int remaining() {
        return limit - pos;
    }

    /** Skips the current field's value (unknown fields are ignored, as protobuf does). */
    public void skip() throws IOException {
        switch (lastWireType) {
            case VARINT -> readVarint();
            case FIXED64 -> { need(8, "a 64-bit value"); pos += 8; }
            case FIXED32 -> { need(4, "a 32-bit value"); pos += 4; }
            case LENGTH_DELIMITED -> pos += readLength();
            default -> throw new IOException("no field to skip");
        }
    }

    /** Fails unless the current field has the wire type {@code expected}. */
    public void expect(int expected, String field) throws IOException {
        if (lastWireType != expected) {
            throw new IOException("field " + field + " has wire type " + lastWireType + ", expected " + expected);
        }
    }

    private void need(int n, String what) throws IOException {
        if (limit - pos < n) throw truncated(what);
    }

    private IOException truncated(String what) {
        return new IOException("truncated protobuf: the data ends inside " + what + " at byte " + pos);
    }
}
