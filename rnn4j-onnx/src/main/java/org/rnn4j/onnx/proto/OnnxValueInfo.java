package org.rnn4j.onnx.proto;

import java.util.List;

/**
 * An ONNX ValueInfoProto for a tensor: its name, element type and shape, each dimension either a
 * number or a symbolic name (a dynamic axis). {@code dims} null: the rank is unknown.
 */
public record OnnxValueInfo(String name, int elemType, List<Dim> dims) {
    /** One dimension: a fixed {@code value} (param null) or a symbolic {@code param}; neither: unknown. */
    public record Dim(long value, String param) {
        public static Dim of(long value) {
            return new Dim(value, null);
        }

        public static Dim of(String param) {
            return new Dim(-1, param);
        }

        @Override
        public String toString() {
            return param != null ? param : value >= 0 ? Long.toString(value) : "?";
        }
    }

    public OnnxValueInfo {
        dims = dims == null ? null : List.copyOf(dims);
    }

    public String shapeText() {
        return dims == null ? "(any rank)" : dims.toString();
    }
}
