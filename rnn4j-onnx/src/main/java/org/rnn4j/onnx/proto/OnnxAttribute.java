package org.rnn4j.onnx.proto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An ONNX AttributeProto. Only the field its {@link #type()} names is meaningful; the typed
 * accessors check it, so that a file with a STRING where an INT belongs fails with a message.
 */
public record OnnxAttribute(String name, int type, float f, long i, byte[] s, OnnxTensor t, OnnxGraph g,
                            float[] floats, long[] ints, List<byte[]> strings) {
    public static final int FLOAT = 1;
    public static final int INT = 2;
    public static final int STRING = 3;
    public static final int TENSOR = 4;
    public static final int GRAPH = 5;
    public static final int FLOATS = 6;
    public static final int INTS = 7;
    public static final int STRINGS = 8;

    public static OnnxAttribute ofInt(String name, long v) {
        return new OnnxAttribute(name, INT, 0, v, null, null, null, null, null, null);
    }

    public static OnnxAttribute ofFloat(String name, float v) {
        return new OnnxAttribute(name, FLOAT, v, 0, null, null, null, null, null, null);
    }

    public static OnnxAttribute ofString(String name, String v) {
        return new OnnxAttribute(name, STRING, 0, 0, v.getBytes(StandardCharsets.UTF_8), null, null, null, null, null);
    }

    public static OnnxAttribute ofInts(String name, long... v) {
        return new OnnxAttribute(name, INTS, 0, 0, null, null, null, null, v.clone(), null);
    }

    public static OnnxAttribute ofFloats(String name, float... v) {
        return new OnnxAttribute(name, FLOATS, 0, 0, null, null, null, v.clone(), null, null);
    }

    public static OnnxAttribute ofStrings(String name, List<String> v) {
        return new OnnxAttribute(name, STRINGS, 0, 0, null, null, null, null, null,
                v.stream().map(x -> x.getBytes(StandardCharsets.UTF_8)).toList());
    }

    public static OnnxAttribute ofTensor(String name, OnnxTensor v) {
        return new OnnxAttribute(name, TENSOR, 0, 0, null, v, null, null, null, null);
    }

    public long asInt() {
        require(INT);
        return i;
    }

    public float asFloat() {
        require(FLOAT);
        return f;
    }

    public String asString() {
        require(STRING);
        return new String(s, StandardCharsets.UTF_8);
    }

    public long[] asInts() {
        require(INTS);
        return ints.clone();
    }

    public float[] asFloats() {
        require(FLOATS);
        return floats.clone();
    }

    public List<String> asStrings() {
        require(STRINGS);
        return strings.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    public OnnxTensor asTensor() {
        require(TENSOR);
        return t;
    }

    private void require(int expected) {
        if (type != expected) {
            throw new IllegalArgumentException("attribute '" + name + "' has type " + typeName(type) + ", expected "
                    + typeName(expected));
        }
    }

    public static String typeName(int type) {
        return switch (type) {
            case FLOAT -> "FLOAT";
            case INT -> "INT";
            case STRING -> "STRING";
            case TENSOR -> "TENSOR";
            case GRAPH -> "GRAPH";
            case FLOATS -> "FLOATS";
            case INTS -> "INTS";
            case STRINGS -> "STRINGS";
            default -> "type " + type;
        };
    }

    /** The value as text, for {@code rnn4j inspect}. */
    public String valueText() {
        return switch (type) {
            case FLOAT -> Float.toString(f);
            case INT -> Long.toString(i);
            case STRING -> "'" + asString() + "'";
            case FLOATS -> Arrays.toString(floats);
            case INTS -> Arrays.toString(ints);
            case STRINGS -> asStrings().toString();
            case TENSOR -> t.numel() <= 8 && t.dataType() == DataType.INT64 ? Arrays.toString(t.longs())
                    : t.numel() <= 8 && t.dataType() == DataType.FLOAT ? Arrays.toString(t.floats()) : "tensor " + t;
            case GRAPH -> "graph '" + g.name() + "'";
            default -> "?";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxAttribute a && name.equals(a.name) && type == a.type && valueText().equals(a.valueText());
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
