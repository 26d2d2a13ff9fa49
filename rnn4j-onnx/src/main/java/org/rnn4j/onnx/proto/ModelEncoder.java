package org.rnn4j.onnx.proto;

/**
 * Encodes an {@link OnnxModel} as an ONNX ModelProto in protobuf wire format (field numbers from
 * onnx.proto). Tensors are written as {@code raw_data}; the output is a function of the model
 * alone, so exporting the same model twice gives the same bytes.
 */
public final class ModelEncoder {
    private ModelEncoder() {}

    public static byte[] encode(OnnxModel m) {
        ProtoWriter w = new ProtoWriter();
        w.int64(1, m.irVersion());
        w.optString(2, m.producerName());
        w.optString(3, m.producerVersion());
        w.message(7, graph(m.graph()));
        for (OnnxModel.OpsetId o : m.opsets()) {
            w.message(8, new ProtoWriter().optString(1, o.domain()).int64(2, o.version()));
        }
        // metadata_props: repeated StringStringEntryProto {key = 1, value = 2}
        m.metadata().forEach((k, v) -> w.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return w.toByteArray();
    }

    static ProtoWriter graph(OnnxGraph g) {
        ProtoWriter w = new ProtoWriter();
        for (OnnxNode n : g.nodes()) w.message(1, node(n));
        w.optString(2, g.name());
        for (OnnxTensor t : g.initializers()) w.message(5, tensor(t));
        for (OnnxValueInfo v : g.inputs()) w.message(11, valueInfo(v));
        for (OnnxValueInfo v : g.outputs()) w.message(12, valueInfo(v));
        for (OnnxValueInfo v : g.valueInfo()) w.message(13, valueInfo(v));
        return w;
    }

    private static ProtoWriter node(OnnxNode n) {
        ProtoWriter w = new ProtoWriter();
        for (String in : n.inputs()) w.string(1, in);
        for (String out : n.outputs()) w.string(2, out);
        w.optString(3, n.name());
        w.string(4, n.opType());
        for (OnnxAttribute a : n.attributes()) w.message(5, attribute(a));
        w.optString(7, n.domain());
        return w;
    }

    private static ProtoWriter attribute(OnnxAttribute a) {
        ProtoWriter w = new ProtoWriter().string(1, a.name());
        switch (a.type()) {
            case OnnxAttribute.FLOAT -> w.float32(2, a.f());
            case OnnxAttribute.INT -> w.int64(3, a.i());
            case OnnxAttribute.STRING -> w.bytes(4, a.s());
            case OnnxAttribute.TENSOR -> w.message(5, tensor(a.t()));
            case OnnxAttribute.GRAPH -> w.message(6, graph(a.g()));
            case OnnxAttribute.FLOATS -> w.packedFloat(7, a.floats());
            case OnnxAttribute.INTS -> w.packedInt64(8, a.ints());
            case OnnxAttribute.STRINGS -> a.strings().forEach(s -> w.bytes(9, s));
            default -> throw new IllegalArgumentException("attribute '" + a.name() + "': cannot write type " + a.type());
        }
        return w.int64(20, a.type());
    }

    static ProtoWriter tensor(OnnxTensor t) {
        ProtoWriter w = new ProtoWriter();
        if (t.dims().length > 0) w.packedInt64(1, t.dims());
        w.int64(2, t.dataType());
        w.optString(8, t.name());
        w.bytes(9, t.raw());
        return w;
    }

    private static ProtoWriter valueInfo(OnnxValueInfo v) {
        ProtoWriter tensorType = new ProtoWriter().int64(1, v.elemType());
        if (v.dims() != null) {
            ProtoWriter shape = new ProtoWriter();
            for (OnnxValueInfo.Dim d : v.dims()) {
                ProtoWriter dim = new ProtoWriter();
                if (d.param() != null) dim.string(2, d.param());
                else if (d.value() >= 0) dim.int64(1, d.value());
                shape.message(1, dim);
            }
            tensorType.message(2, shape);
        }
        return new ProtoWriter().string(1, v.name()).message(2, new ProtoWriter().message(1, tensorType));
    }
}
