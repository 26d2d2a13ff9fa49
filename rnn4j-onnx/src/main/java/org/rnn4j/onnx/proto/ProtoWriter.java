package org.rnn4j.onnx.proto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protobuf wire format: fields in the order they are written, repeated numbers packed,
 * nested messages length-prefixed. Deterministic: the same calls give the same bytes.
 */
public final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private void fixed32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    public ProtoWriter int64(int field, long value) {
        tag(field, ProtoReader.VARINT);
        varint(value);
        return this;
    }

    public ProtoWriter float32(int field, float value) {
        tag(field, ProtoReader.FIXED32);
        fixed32(Float.floatToRawIntBits(value));
        return this;
    }

    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, ProtoReader.LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string field, left out when empty (protobuf's default). */
    public ProtoWriter optString(int field, String value) {
        return value == null || value.isEmpty() ? this : string(field, value);
    }

    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    public ProtoWriter packedInt64(int field, long[] values) {
        ProtoWriter p = new ProtoWriter();
        for (long v : values) p.varint(v);
        return bytes(field, p.toByteArray());
    }

    public ProtoWriter packedFloat(int field, float[] values) {
        ProtoWriter p = new ProtoWriter();
        for (float v : values) p.fixed32(Float.floatToRawIntBits(v));
        return bytes(field, p.toByteArray());
    }
}
