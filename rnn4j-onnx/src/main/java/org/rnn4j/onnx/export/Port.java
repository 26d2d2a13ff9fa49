package org.rnn4j.onnx.export;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import org.rnn4j.onnx.proto.OnnxValueInfo.Dim;

/**
 * The type of the one tensor a {@link UnaryExporter}'s module reads or writes: its element type and
 * the dims after the lead (time and batch) axes. A FLOAT port has one feature dim, fixed
 * ({@code Linear}'s in_features) or the symbolic {@code features} (an element-wise module takes any
 * size); an INT64 port (Embedding's indices) has none.
 */
public record Port(int elemType, List<Dim> tail) {
    /** The symbolic feature dim of a model whose first module takes any number of features. */
    public static final String ANY_FEATURES = "features";

    public Port {
        tail = List.copyOf(tail);
    }

    /** FLOAT [..., n]. */
    public static Port features(long n) {
        return new Port(DataType.FLOAT, List.of(Dim.of(n)));
    }

    /** FLOAT [..., features]: any number of features (element-wise modules). */
    public static Port anyFeatures() {
        return new Port(DataType.FLOAT, List.of(Dim.of(ANY_FEATURES)));
    }

    /** INT64 [...]: indices, no feature axis. */
    public static Port indices() {
        return new Port(DataType.INT64, List.of());
    }

    /** The feature dim, or null for indices. */
    public Dim feature() {
        return tail.isEmpty() ? null : tail.get(tail.size() - 1);
    }

    /** True when the feature dim is the symbolic one (any size). */
    public boolean anySize() {
        Dim f = feature();
        return f != null && f.param() != null;
    }

    /** The value info named {@code name} with dims {@code lead} followed by this port's. */
    public OnnxValueInfo value(String name, List<Dim> lead) {
        List<Dim> dims = new ArrayList<>(lead);
        dims.addAll(tail);
        return new OnnxValueInfo(name, elemType, dims);
    }

    /** How messages name it: {@code FLOAT [*, 4]}, {@code FLOAT [*, any]} or {@code INT64 indices}. */
    public String describe() {
        if (feature() == null) return DataType.name(elemType) + " indices";
        return DataType.name(elemType) + " [*, " + (anySize() ? "any" : Long.toString(feature().value())) + "]";
    }
}
