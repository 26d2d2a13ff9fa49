package org.rnn4j.onnx.imports;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.onnx.imports.Value.Axis;
import org.rnn4j.onnx.imports.Value.Const;
import org.rnn4j.onnx.imports.Value.Seq;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;

/**
 * Recognises {@code Linear} as the exporters write it: {@code MatMul(x, W^T)} optionally followed
 * by {@code Add(bias)} (either operand order; {@link ElementwiseOps} attaches it), or {@code Gemm(x, W, b)} with {@code transB=1}
 * (or 0 with W^T), alpha 1, beta 1 and {@code transA=0}. The weight must be a constant.
 */
final class LinearOps {
    private LinearOps() {}

    static final java.util.Set<String> OPS = java.util.Set.of("MatMul", "Gemm");

    static List<Value> eval(OnnxNode n, List<Value> in, List<Piece> pieces) {
        return List.of(switch (n.opType()) {
            case "MatMul" -> matmul(n, in.get(0), in.get(1), false, pieces);
            case "Gemm" -> gemm(n, in, pieces);
            default -> throw GlueOps.refuse(n, in);
        });
    }

    private static Value gemm(OnnxNode n, List<Value> in, List<Piece> pieces) {
        if (n.attribute("transA").map(OnnxAttribute::asInt).orElse(0L) != 0
                || n.attribute("alpha").map(OnnxAttribute::asFloat).orElse(1f) != 1f
                || n.attribute("beta").map(OnnxAttribute::asFloat).orElse(1f) != 1f) {
            throw RecurrentLayers.refuse(n, "only transA=0, alpha=1, beta=1 is a Linear");
        }
        boolean transB = n.attribute("transB").map(OnnxAttribute::asInt).orElse(0L) == 1;
        Seq y = matmul(n, in.get(0), in.get(1), transB, pieces);
        if (in.size() > 2 && in.get(2) != null) {
            if (!(in.get(2) instanceof Const b)) throw RecurrentLayers.refuse(n, "its bias C is not a constant");
            ElementwiseOps.attachBias(n, y, b.tensor(), pieces);
        }
        return y;
    }

    private static Seq matmul(OnnxNode n, Value a, Value w, boolean transposed, List<Piece> pieces) {
        if (!(a instanceof Seq x) || x.indices() || !(w instanceof Const c) || c.tensor().dims().length != 2) {
            throw GlueOps.refuse(n, java.util.Arrays.asList(a, w));
        }
        long[] wd = c.tensor().dims();
        int in = (int) (transposed ? wd[1] : wd[0]);
        int out = (int) (transposed ? wd[0] : wd[1]);
        Axis feature = x.axes().get(x.axes().size() - 1);
        if (feature.size() >= 0 && feature.size() != in) {
            throw RecurrentLayers.refuse(n, "its input has " + feature.size() + " features but the weight expects " + in);
        }
        float[] v = c.tensor().floats();
        float[] weight = v;
        if (!transposed) { // stored as W^T [in, out]; PyTorch holds W [out, in]
            weight = new float[v.length];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) weight[o * in + i] = v[i * out + o];
            }
        }
        Piece.LinearPiece p = new Piece.LinearPiece(pieces.size(), in, out, weight, null, feature.label());
        pieces.add(p);
        List<Axis> axes = new ArrayList<>(x.axes());
        axes.set(axes.size() - 1, new Axis(p.label(), out));
        return new Seq(axes);
    }
}
