package org.rnn4j.onnx.proto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an ONNX ModelProto from protobuf wire format into {@link OnnxModel}, reading only the
 * fields rnn4j uses (numbers from onnx.proto) and skipping the rest. Every length is checked
 * against the bytes present and every tensor's data against its dims before anything is
 * allocated, so a truncated or hostile file fails with an IOException that says what is wrong.
 */
public final class ModelDecoder {
    private ModelDecoder() {}

    public static OnnxModel decode(byte[] bytes) throws IOException {
        if (bytes.length == 0) throw new IOException("not an ONNX model: the file is empty");
        ProtoReader r = new ProtoReader(bytes);
        long ir = 0;
        List<OnnxModel.OpsetId> opsets = new ArrayList<>();
        String producer = "";
        String producerVersion = "";
        OnnxGraph graph = null;
        Map<String, String> metadata = new LinkedHashMap<>();
        while (r.hasMore()) {
            int field = r.nextField();
            switch (field) {
                case 1 -> { r.expect(ProtoReader.VARINT, "ir_version"); ir = r.readVarint(); }
                case 2 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "producer_name"); producer = r.readString(); }
                case 3 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "producer_version"); producerVersion = r.readString(); }
                case 7 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "graph"); graph = graph(r.message()); }
                case 8 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "opset_import"); opsets.add(opset(r.message())); }
                case 14 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "metadata_props"); entry(r.message(), metadata); }
                default -> r.skip();
            }
        }
        if (graph == null) throw new IOException("not an ONNX model: no graph (ModelProto field 7)");
        return new OnnxModel(ir, opsets, producer, producerVersion, graph, metadata);
    }

    /** One StringStringEntryProto (key = 1, value = 2) of metadata_props; a repeated key keeps its last value. */
    private static void entry(ProtoReader r, Map<String, String> into) throws IOException {
        String key = "";
        String value = "";
        while (r.hasMore()) {
            switch (r.nextField()) {
                case 1 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "metadata key"); key = r.readString(); }
                case 2 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "metadata value"); value = r.readString(); }
                default -> r.skip();
            }
        }
        into.put(key, value);
    }

    private static OnnxModel.OpsetId opset(ProtoReader r) throws IOException {
        String domain = "";
        long version = 0;
        while (r.hasMore()) {
            switch (r.nextField()) {
                case 1 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "opset domain"); domain = r.readString(); }
                case 2 -> { r.expect(ProtoReader.VARINT, "opset version"); version = r.readVarint(); }
                default -> r.skip();
            }
        }
        return new OnnxModel.OpsetId(domain, version);
    }

    static OnnxGraph graph(ProtoReader r) throws IOException {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        List<OnnxTensor> inits = new ArrayList<>();
        List<OnnxValueInfo> inputs = new ArrayList<>();
        List<OnnxValueInfo> outputs = new ArrayList<>();
        List<OnnxValueInfo> infos = new ArrayList<>();
        while (r.hasMore()) {
            int field = r.nextField();
            if (field != 2 && (field == 1 || field == 5 || field >= 11 && field <= 13)) {
                r.expect(ProtoReader.LENGTH_DELIMITED, "graph field " + field);
            }
            switch (field) {
                case 1 -> nodes.add(node(r.message()));
                case 2 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "graph name"); name = r.readString(); }
                case 5 -> inits.add(tensor(r.message()));
                case 11 -> inputs.add(valueInfo(r.message()));
                case 12 -> outputs.add(valueInfo(r.message()));
                case 13 -> infos.add(valueInfo(r.message()));
                default -> r.skip();
            }
        }
        return new OnnxGraph(name, nodes, inits, inputs, outputs, infos);
    }

    private static OnnxNode node(ProtoReader r) throws IOException {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        List<OnnxAttribute> attrs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        while (r.hasMore()) {
            int field = r.nextField();
            if (field >= 1 && field <= 5 || field == 7) r.expect(ProtoReader.LENGTH_DELIMITED, "node field " + field);
            switch (field) {
                case 1 -> in.add(r.readString());
                case 2 -> out.add(r.readString());
                case 3 -> name = r.readString();
                case 4 -> op = r.readString();
                case 5 -> attrs.add(attribute(r.message()));
                case 7 -> domain = r.readString();
                default -> r.skip();
            }
        }
        if (op.isEmpty()) throw new IOException("a node" + (name.isEmpty() ? "" : " '" + name + "'") + " has no op_type");
        return new OnnxNode(name, op, domain, in, out, attrs);
    }

    private static OnnxAttribute attribute(ProtoReader r) throws IOException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        byte[] s = null;
        OnnxTensor t = null;
        OnnxGraph g = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        List<byte[]> strings = new ArrayList<>();
        while (r.hasMore()) {
            int field = r.nextField();
            switch (field) {
                case 1 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "attribute name"); name = r.readString(); }
                case 20 -> { r.expect(ProtoReader.VARINT, "attribute type"); type = r.readInt32(); }
                case 2 -> { r.expect(ProtoReader.FIXED32, "attribute f"); f = r.readFloat(); }
                case 3 -> { r.expect(ProtoReader.VARINT, "attribute i"); i = r.readVarint(); }
                case 4 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "attribute s"); s = r.readBytes(); }
                case 5 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "attribute t"); t = tensor(r.message()); }
                case 6 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "attribute g"); g = graph(r.message()); }
                case 7 -> readFloats(r, floats, "attribute floats");
                case 8 -> readVarints(r, ints, "attribute ints");
                case 9 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "attribute strings"); strings.add(r.readBytes()); }
                default -> r.skip();
            }
        }
        if (name.isEmpty()) throw new IOException("an attribute has no name");
        if (type == 0) type = inferType(s, t, g, floats, ints, strings, f, i); // IR < 4 omits the type
        return new OnnxAttribute(name, type, f, i, s, t, g, floats.toArray(), ints.toArray(), strings);
    }

    private static int inferType(byte[] s, OnnxTensor t, OnnxGraph g, FloatList floats, LongList ints,
                                 List<byte[]> strings, float f, long i) {
        if (t != null) return OnnxAttribute.TENSOR;
        if (g != null) return OnnxAttribute.GRAPH;
        if (s != null) return OnnxAttribute.STRING;
        if (floats.size() > 0) return OnnxAttribute.FLOATS;
        if (ints.size() > 0) return OnnxAttribute.INTS;
        if (!strings.isEmpty()) return OnnxAttribute.STRINGS;
        return f != 0 ? OnnxAttribute.FLOAT : OnnxAttribute.INT;
    }

    private static OnnxValueInfo valueInfo(ProtoReader r) throws IOException {
        String name = "";
        int elem = 0;
        List<OnnxValueInfo.Dim> dims = null;
        while (r.hasMore()) {
            int field = r.nextField();
            if (field == 1) {
                r.expect(ProtoReader.LENGTH_DELIMITED, "value name");
                name = r.readString();
            } else if (field == 2) {
                r.expect(ProtoReader.LENGTH_DELIMITED, "value type");
                ProtoReader type = r.message();
                while (type.hasMore()) {
                    if (type.nextField() == 1 && type.wireType() == ProtoReader.LENGTH_DELIMITED) {
                        ProtoReader tensorType = type.message();
                        while (tensorType.hasMore()) {
                            int tf = tensorType.nextField();
                            if (tf == 1 && tensorType.wireType() == ProtoReader.VARINT) {
                                elem = tensorType.readInt32();
                            } else if (tf == 2 && tensorType.wireType() == ProtoReader.LENGTH_DELIMITED) {
                                dims = shape(tensorType.message());
                            } else {
                                tensorType.skip();
                            }
                        }
                    } else {
                        type.skip();
                    }
                }
            } else {
                r.skip();
            }
        }
        return new OnnxValueInfo(name, elem, dims);
    }

    private static List<OnnxValueInfo.Dim> shape(ProtoReader r) throws IOException {
        List<OnnxValueInfo.Dim> dims = new ArrayList<>();
        while (r.hasMore()) {
            if (r.nextField() != 1 || r.wireType() != ProtoReader.LENGTH_DELIMITED) {
                r.skip();
                continue;
            }
            if (dims.size() >= OnnxTensor.MAX_RANK) {
                throw new IOException("a value's shape has more than " + OnnxTensor.MAX_RANK + " dimensions");
            }
            ProtoReader d = r.message();
            long value = -1;
            String param = null;
            while (d.hasMore()) {
                int f = d.nextField();
                if (f == 1 && d.wireType() == ProtoReader.VARINT) value = d.readVarint();
                else if (f == 2 && d.wireType() == ProtoReader.LENGTH_DELIMITED) param = d.readString();
                else d.skip();
            }
            if (param == null && value < -1) throw new IOException("a value's shape has dimension " + value);
            dims.add(new OnnxValueInfo.Dim(param == null ? value : -1, param));
        }
        return dims;
    }

    static OnnxTensor tensor(ProtoReader r) throws IOException {
        LongList dims = new LongList();
        int type = 0;
        String name = "";
        byte[] raw = null;
        FloatList floats = new FloatList();
        LongList int32s = new LongList();
        LongList int64s = new LongList();
        List<Double> doubles = new ArrayList<>();
        boolean external = false;
        while (r.hasMore()) {
            int field = r.nextField();
            switch (field) {
                case 1 -> readVarints(r, dims, "tensor dims");
                case 2 -> { r.expect(ProtoReader.VARINT, "tensor data_type"); type = r.readInt32(); }
                case 4 -> readFloats(r, floats, "tensor float_data");
                case 5 -> readVarints(r, int32s, "tensor int32_data");
                case 7 -> readVarints(r, int64s, "tensor int64_data");
                case 8 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "tensor name"); name = r.readString(); }
                case 9 -> { r.expect(ProtoReader.LENGTH_DELIMITED, "tensor raw_data"); raw = r.readBytes(); }
                case 10 -> readDoubles(r, doubles);
                case 14 -> { r.expect(ProtoReader.VARINT, "tensor data_location"); external = r.readVarint() == 1; }
                default -> r.skip();
            }
        }
        if (external) {
            throw new IOException("tensor '" + name + "' keeps its data in an external file, which rnn4j does not read");
        }
        try {
            long[] shape = dims.toArray();
            long numel = OnnxTensor.numel(name, shape);
            if (raw == null) raw = fromTypedFields(name, type, numel, floats, int32s, int64s, doubles);
            return OnnxTensor.checked(name, type, shape, raw);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Values stored in the typed repeated fields, re-encoded as little-endian raw bytes. */
    private static byte[] fromTypedFields(String name, int type, long numel, FloatList floats, LongList int32s,
                                          LongList int64s, List<Double> doubles) throws IOException {
        int present = switch (type) {
            case DataType.FLOAT -> floats.size();
            case DataType.INT32, DataType.INT8, DataType.UINT8, DataType.BOOL -> int32s.size();
            case DataType.INT64 -> int64s.size();
            case DataType.DOUBLE -> doubles.size();
            default -> throw new IOException("tensor '" + name + "': data type " + DataType.name(type) + " is not supported");
        };
        if (present != numel) {
            throw new IOException("tensor '" + name + "' has " + numel + " elements by its dims but holds " + present + " values");
        }
        ByteBuffer b = ByteBuffer.allocate((int) numel * DataType.size(type)).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < numel; k++) {
            switch (type) {
                case DataType.FLOAT -> b.putFloat(floats.get(k));
                case DataType.INT32 -> b.putInt((int) int32s.get(k));
                case DataType.INT64 -> b.putLong(int64s.get(k));
                case DataType.DOUBLE -> b.putDouble(doubles.get(k));
                default -> b.put((byte) int32s.get(k));
            }
        }
        return b.array();
    }

    private static void readVarints(ProtoReader r, LongList into, String what) throws IOException {
        if (r.wireType() == ProtoReader.VARINT) {
            into.add(r.readVarint());
        } else {
            r.expect(ProtoReader.LENGTH_DELIMITED, what);
            ProtoReader p = r.packed();
            while (p.hasMore()) into.add(p.readVarint());
        }
    }

    private static void readFloats(ProtoReader r, FloatList into, String what) throws IOException {
        if (r.wireType() == ProtoReader.FIXED32) {
            into.add(r.readFloat());
        } else {
            r.expect(ProtoReader.LENGTH_DELIMITED, what);
            ProtoReader p = r.packed();
            if (p.remaining() % 4 != 0) throw new IOException(what + ": packed length " + p.remaining() + " is not a multiple of 4");
            while (p.hasMore()) into.add(p.readFloat());
        }
    }

    private static void readDoubles(ProtoReader r, List<Double> into) throws IOException {
        if (r.wireType() == ProtoReader.FIXED64) {
            into.add(r.readDouble());
        } else {
            r.expect(ProtoReader.LENGTH_DELIMITED, "tensor double_data");
            ProtoReader p = r.packed();
            if (p.remaining() % 8 != 0) throw new IOException("tensor double_data: packed length is not a multiple of 8");
            while (p.hasMore()) into.add(p.readDouble());
        }
    }
}
