package org.rnn4j.onnx.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.rnn4j.onnx.imports.Piece.LinearPiece;
import org.rnn4j.onnx.imports.Piece.NormPiece;
import org.rnn4j.onnx.imports.Value.Axis;
import org.rnn4j.onnx.imports.Value.Const;
import org.rnn4j.onnx.imports.Value.Norm;
import org.rnn4j.onnx.imports.Value.Seq;
import org.rnn4j.onnx.imports.Value.Stage;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;

/**
 * The arithmetic ops, in the two uses rnn4j's modules make of them: a Linear's or LayerNorm's bias
 * ({@code Add(y, β)}) and scale ({@code Mul(y, γ)}) applied to the output of the module just
 * recognised, and a layer norm spelled out the way PyTorch exports it before opset 17:
 * <pre>
 *   μ = ReduceMean(x, axes=[-1]),  d = Sub(x, μ),  s = Pow(d, 2) or Mul(d, d),
 *   σ² = ReduceMean(s, axes=[-1]),  y = Div(d, Sqrt(Add(σ², ε)))
 * </pre>
 * Each step is a {@link Norm} value of the same x; the Div completes a {@link NormPiece}. Any other
 * use (a residual Add of two data values, a mean over another axis, a Div by something else) is
 * refused with the node named.
 */
final class ElementwiseOps {
    static final Set<String> OPS = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "ReduceMean");

    private ElementwiseOps() {}

    static List<Value> eval(OnnxNode n, List<Value> in, List<Piece> pieces) {
        Value a = in.get(0);
        Value b = in.size() > 1 ? in.get(1) : null;
        Value out = switch (n.opType()) {
            case "ReduceMean" -> reduceMean(n, in);
            case "Sub" -> a instanceof Seq x && b instanceof Norm m && m.stage() == Stage.MEAN && m.of().equals(x)
                    ? new Norm(Stage.CENTERED, x, 0f) : null;
            case "Pow" -> a instanceof Norm d && d.stage() == Stage.CENTERED && scalar(b) == 2f
                    ? new Norm(Stage.SQUARED, d.of(), 0f) : null;
            case "Mul" -> mul(n, a, b, pieces);
            case "Add" -> add(n, a, b, pieces);
            case "Sqrt" -> a instanceof Norm v && v.stage() == Stage.SHIFTED ? new Norm(Stage.STD, v.of(), v.eps()) : null;
            case "Div" -> div(a, b, pieces);
            default -> null;
        };
        if (out == null) throw GlueOps.refuse(n, in);
        return List.of(out);
    }

    /** The mean over the last axis, keeping it: of the data (μ) or of the squared deviations (σ²). */
    private static Value reduceMean(OnnxNode n, List<Value> in) {
        Value x = in.get(0);
        Seq of = x instanceof Seq s && !s.indices() ? s : x instanceof Norm m && m.stage() == Stage.SQUARED ? m.of() : null;
        if (of == null) return null;
        if (n.attribute("keepdims").map(OnnxAttribute::asInt).orElse(1L) != 1) {
            throw RecurrentLayers.refuse(n, "keepdims=0 (a layer norm keeps the reduced axis)");
        }
        var attr = n.attribute("axes");
        long[] axes = attr.isPresent() ? attr.get().asInts()
                : in.size() > 1 && in.get(1) != null ? GlueOps.ints(n, in.get(1), "axes") : null;
        int rank = of.axes().size();
        if (axes == null || axes.length != 1 || (axes[0] != -1 && axes[0] != rank - 1)) {
            throw RecurrentLayers.refuse(n, "a mean over axes " + (axes == null ? "(all)" : Arrays.toString(axes))
                    + "; rnn4j's LayerNorm takes the mean over the last axis only");
        }
        return new Norm(x instanceof Seq ? Stage.MEAN : Stage.VARIANCE, of, 0f);
    }

    private static Value mul(OnnxNode n, Value a, Value b, List<Piece> pieces) {
        if (a instanceof Norm d && d.stage() == Stage.CENTERED && d.equals(b)) return new Norm(Stage.SQUARED, d.of(), 0f);
        Seq y = a instanceof Seq s ? s : b instanceof Seq s2 ? s2 : null;
        Value other = y == a ? b : a;
        if (y == null || !(other instanceof Const c)) return null;
        NormPiece norm = last(pieces, y) instanceof NormPiece p && p.weight() == null && p.bias() == null ? p : null;
        if (norm == null) throw RecurrentLayers.refuse(n, "a Mul that is not the scale of a LayerNorm");
        pieces.set(pieces.size() - 1, norm.withWeight(vector(n, c.tensor(), norm.size(), "scale")));
        return y;
    }

    private static Value add(OnnxNode n, Value a, Value b, List<Piece> pieces) {
        Norm var = a instanceof Norm m ? m : b instanceof Norm m2 ? m2 : null;
        if (var != null) {
            Value other = var == a ? b : a;
            float eps = scalar(other);
            return var.stage() == Stage.VARIANCE && !Float.isNaN(eps) ? new Norm(Stage.SHIFTED, var.of(), eps) : null;
        }
        Seq y = a instanceof Seq s ? s : b instanceof Seq s2 ? s2 : null;
        Value other = y == a ? b : a;
        if (y == null || !(other instanceof Const c)) return null;
        attachBias(n, y, c.tensor(), pieces);
        return y;
    }

    /** (x - μ) / √(σ² + ε) of one x: a layer norm without affine (a following Mul and Add add it). */
    private static Value div(Value a, Value b, List<Piece> pieces) {
        if (!(a instanceof Norm d) || d.stage() != Stage.CENTERED || !(b instanceof Norm s) || s.stage() != Stage.STD
                || !s.of().equals(d.of())) {
            return null;
        }
        Axis feature = d.of().last();
        NormPiece p = new NormPiece(pieces.size(), feature.size(), s.eps(), null, null, feature.label());
        pieces.add(p);
        return LayerOps.relabel(d.of(), p.label());
    }

    /** Adds {@code bias} to the Linear or LayerNorm that made {@code y}; else refuses the node. */
    static void attachBias(OnnxNode n, Seq y, OnnxTensor bias, List<Piece> pieces) {
        Piece last = last(pieces, y);
        if (last instanceof LinearPiece lin && lin.bias() == null) {
            pieces.set(pieces.size() - 1, lin.withBias(vector(n, bias, lin.out(), "bias")));
        } else if (last instanceof NormPiece norm && norm.bias() == null) {
            pieces.set(pieces.size() - 1, norm.withBias(vector(n, bias, norm.size(), "bias")));
        } else {
            throw RecurrentLayers.refuse(n, "an Add that is not the bias of a Linear or LayerNorm");
        }
    }

    /** The piece recognised last, when {@code y} is its output; else null. */
    private static Piece last(List<Piece> pieces, Seq y) {
        Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
        return last != null && last.produces(y.last().label()) ? last : null;
    }

    /** A float vector [size] (size -1: any length), else a refusal naming its shape. */
    private static float[] vector(OnnxNode n, OnnxTensor t, long size, String what) {
        long[] d = t.dims();
        if (d.length != 1 || (size >= 0 && d[0] != size) || t.dataType() != DataType.FLOAT) {
            throw RecurrentLayers.refuse(n, what + " of type " + DataType.name(t.dataType()) + " and shape " + Arrays.toString(d)
                    + ", expected FLOAT [" + (size >= 0 ? Long.toString(size) : "N") + "]");
        }
        return t.floats();
    }

    /** The value of a one-element float constant, or NaN. */
    private static float scalar(Value v) {
        if (!(v instanceof Const c) || c.tensor().numel() != 1 || c.tensor().dataType() != DataType.FLOAT) return Float.NaN;
        return c.tensor().floats()[0];
    }
}
