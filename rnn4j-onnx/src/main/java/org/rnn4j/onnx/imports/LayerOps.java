package org.rnn4j.onnx.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rnn4j.onnx.imports.Piece.ActivationPiece;
import org.rnn4j.onnx.imports.Piece.EmbeddingPiece;
import org.rnn4j.onnx.imports.Piece.NormPiece;
import org.rnn4j.onnx.imports.Value.Axis;
import org.rnn4j.onnx.imports.Value.Const;
import org.rnn4j.onnx.imports.Value.Seq;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;

/**
 * The one-node modules: {@code Gather(W, indices)} on axis 0 with a constant FLOAT W [num, dim] and
 * the graph's INT64 input is an Embedding; {@code Tanh}, {@code Relu} and {@code Sigmoid} on the
 * data are the activation modules; {@code LayerNormalization(x, γ[, β])} over the last axis is a
 * LayerNorm (a scale of exactly ones without β: one without elementwise affine, which is how
 * rnn4j exports that, ONNX requiring a scale). Each output's feature axis gets the piece's label,
 * which is how the next module is seen to read this one.
 */
final class LayerOps {
    static final Set<String> OPS = Set.of("Tanh", "Relu", "Sigmoid", "LayerNormalization");

    private LayerOps() {}

    /** True when {@code n} is a Gather of rows (an Embedding) rather than of a shape's entries. */
    static boolean isEmbedding(OnnxNode n, List<Value> in) {
        return n.opType().equals("Gather") && in.size() > 1 && in.get(1) instanceof Seq;
    }

    static List<Value> eval(OnnxNode n, List<Value> in, List<Piece> pieces) {
        return List.of(switch (n.opType()) {
            case "Gather" -> embedding(n, in, pieces);
            case "Tanh", "Relu", "Sigmoid" -> activation(n, GlueOps.data(n, in.get(0), "input"), pieces);
            case "LayerNormalization" -> layerNorm(n, in, pieces);
            default -> throw GlueOps.refuse(n, in);
        });
    }

    private static Seq embedding(OnnxNode n, List<Value> in, List<Piece> pieces) {
        Seq idx = (Seq) in.get(1);
        if (!idx.indices()) throw RecurrentLayers.refuse(n, "its indices are the model's float data, not the graph's INT64 input");
        long axis = n.attribute("axis").map(OnnxAttribute::asInt).orElse(0L);
        if (!(in.get(0) instanceof Const c) || c.tensor().dims().length != 2 || c.tensor().dataType() != DataType.FLOAT
                || (axis != 0 && axis != -2)) {
            throw RecurrentLayers.refuse(n, "an Embedding is a Gather on axis 0 of a constant FLOAT [num, dim] weight (got "
                    + GlueOps.kind(in.get(0)) + (in.get(0) instanceof Const k ? " " + k.tensor() : "") + ", axis " + axis + ")");
        }
        long[] d = c.tensor().dims();
        EmbeddingPiece p = new EmbeddingPiece(pieces.size(), (int) d[0], (int) d[1], c.tensor().floats());
        pieces.add(p);
        List<Axis> axes = new ArrayList<>(idx.axes());
        axes.add(new Axis(p.label(), d[1]));
        return new Seq(axes);
    }

    private static Seq activation(OnnxNode n, Seq x, List<Piece> pieces) {
        ActivationPiece p = new ActivationPiece(pieces.size(), n.opType(), x.last().label());
        pieces.add(p);
        return relabel(x, p.label());
    }

    private static Seq layerNorm(OnnxNode n, List<Value> in, List<Piece> pieces) {
        Seq x = GlueOps.data(n, in.get(0), "input X");
        int rank = x.axes().size();
        long axis = n.attribute("axis").map(OnnxAttribute::asInt).orElse(-1L);
        if (axis != -1 && axis != rank - 1) {
            throw RecurrentLayers.refuse(n, "axis=" + axis + " normalises over several axes; rnn4j's LayerNorm takes the last one");
        }
        float eps = n.attribute("epsilon").map(OnnxAttribute::asFloat).orElse(1e-5f);
        long size = x.last().size();
        float[] scale = vector(n, in.size() > 1 ? in.get(1) : null, size, "Scale");
        if (scale == null) throw RecurrentLayers.refuse(n, "it has no Scale");
        float[] bias = vector(n, in.size() > 2 ? in.get(2) : null, scale.length, "B");
        boolean ones = true;
        for (float v : scale) ones &= v == 1f;
        NormPiece p = new NormPiece(pieces.size(), scale.length, eps, ones && bias == null ? null : scale, bias, x.last().label());
        pieces.add(p);
        return relabel(x, p.label());
    }

    /** A constant FLOAT [size] operand (size -1: any), null when absent, else a refusal. */
    private static float[] vector(OnnxNode n, Value v, long size, String what) {
        if (v == null) return null;
        OnnxTensor t = v instanceof Const c ? c.tensor() : null;
        if (t == null || t.dims().length != 1 || (size >= 0 && t.dims()[0] != size) || t.dataType() != DataType.FLOAT) {
            throw RecurrentLayers.refuse(n, "its " + what + " is " + (t == null ? GlueOps.kind(v) : t.toString())
                    + ", expected a constant FLOAT [" + (size >= 0 ? Long.toString(size) : "N") + "]");
        }
        return t.floats();
    }

    /** {@code x} with its feature axis renamed {@code label}: the output of the piece of that label. */
    static Seq relabel(Seq x, String label) {
        List<Axis> axes = new ArrayList<>(x.axes());
        axes.set(axes.size() - 1, new Axis(label, x.last().size()));
        return new Seq(axes);
    }
}
