package org.rnn4j.onnx.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rnn4j.onnx.imports.Value.Axis;
import org.rnn4j.onnx.imports.Value.Const;
import org.rnn4j.onnx.imports.Value.Dims;
import org.rnn4j.onnx.imports.Value.Filled;
import org.rnn4j.onnx.imports.Value.Input;
import org.rnn4j.onnx.imports.Value.Seq;
import org.rnn4j.onnx.imports.Value.StateOut;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;

/**
 * The layout and shape ops around the modules (what exporters write to move axes, build zero
 * states and slice per-layer states), interpreted over {@link Value}s. An input these rules do not
 * cover is refused with the node named, so no op is silently dropped.
 */
final class GlueOps {
    static final Set<String> OPS = Set.of("Constant", "Identity", "Dropout", "Cast", "Shape", "Gather", "Unsqueeze",
            "Squeeze", "Concat", "ConstantOfShape", "Slice", "Expand", "Transpose", "Reshape");

    private GlueOps() {}

    static List<Value> eval(OnnxNode n, List<Value> in) {
        Value x = in.isEmpty() ? null : in.get(0);
        Value out = switch (n.opType()) {
            case "Constant" -> constant(n);
            case "Identity", "Cast" -> x;
            case "Dropout" -> inference(in) ? x : null;
            case "Shape" -> shape(n, x);
            case "Gather" -> gather(n, x, in.get(1));
            case "Unsqueeze" -> unsqueeze(n, x, axes(n, in));
            case "Squeeze" -> squeeze(n, x, axes(n, in));
            case "Concat" -> concat(n, in);
            case "ConstantOfShape" -> new Filled(n.attribute("value").map(a -> a.asTensor().floats()[0]).orElse(0f));
            case "Slice" -> slice(n, in);
            case "Expand" -> x instanceof Filled ? x : null;
            case "Transpose" -> transpose(n, x);
            case "Reshape" -> x instanceof Filled ? x : x instanceof Seq s ? SeqReshape.apply(n, s, ints(n, in.get(1), "shape")) : null;
            default -> null;
        };
        if (out == null) throw refuse(n, in);
        return List.of(out);
    }

    /** True when a Dropout's training_mode (input 2) is absent or a constant false: the identity. */
    private static boolean inference(List<Value> in) {
        Value mode = in.size() > 2 ? in.get(2) : null;
        if (mode == null) return true;
        if (!(mode instanceof Const c)) return false;
        for (byte b : c.tensor().raw()) if (b != 0) return false;
        return true;
    }

    static IllegalArgumentException refuse(OnnxNode n, List<Value> in) {
        return new IllegalArgumentException("cannot import " + n.describe() + ": rnn4j does not know this use of "
                + n.opType() + " (inputs: " + in.stream().map(GlueOps::kind).toList() + ")");
    }

    static String kind(Value v) {
        if (v == null) return "absent";
        if (v instanceof Seq s) return (s.indices() ? "indices " : "data ") + s.axes().stream().map(Axis::label).toList();
        if (v instanceof Value.Norm m) return "layer-norm " + m.stage().name().toLowerCase(java.util.Locale.ROOT);
        return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static Value constant(OnnxNode n) {
        if (n.attributes().size() != 1) return null;
        OnnxAttribute a = n.attributes().get(0);
        return switch (a.name()) {
            case "value" -> new Const(a.asTensor());
            case "value_int" -> new Const(OnnxTensor.ofLongs("", new long[] {a.asInt()}));
            case "value_ints" -> new Const(OnnxTensor.ofLongs("", a.asInts(), a.asInts().length));
            case "value_float" -> new Const(OnnxTensor.ofFloats("", new float[] {a.asFloat()}));
            case "value_floats" -> new Const(OnnxTensor.ofFloats("", a.asFloats(), a.asFloats().length));
            default -> null;
        };
    }

    private static Value shape(OnnxNode n, Value x) {
        if (!(x instanceof Seq s)) return null;
        List<Object> e = new ArrayList<>();
        for (Axis a : s.axes()) e.add(a.size() >= 0 ? (Object) a.size() : a.label());
        int rank = e.size();
        int start = (int) clampAxis(n.attribute("start").map(OnnxAttribute::asInt).orElse(0L), rank);
        int end = (int) clampAxis(n.attribute("end").map(OnnxAttribute::asInt).orElse((long) rank), rank);
        return new Dims(e.subList(start, Math.max(start, end)), false);
    }

    private static long clampAxis(long a, int rank) {
        return Math.max(0, Math.min(rank, a < 0 ? a + rank : a));
    }

    private static Value gather(OnnxNode n, Value x, Value index) {
        if (!(x instanceof Dims d) || !(index instanceof Const c) || n.attribute("axis").map(OnnxAttribute::asInt).orElse(0L) != 0) {
            return null;
        }
        List<Object> e = new ArrayList<>();
        for (long i : c.tensor().longs()) {
            long k = i < 0 ? i + d.entries().size() : i;
            if (k < 0 || k >= d.entries().size()) return null;
            e.add(d.entries().get((int) k));
        }
        return new Dims(e, c.tensor().dims().length == 0);
    }

    private static Value unsqueeze(OnnxNode n, Value x, long[] axes) {
        if (x instanceof Filled) return x;
        if (x instanceof Dims d && d.scalar() && axes.length == 1 && axes[0] == 0) return new Dims(d.entries(), false);
        if (x instanceof Seq s) {
            List<Axis> a = new ArrayList<>(s.axes());
            int rank = a.size() + axes.length;
            long[] sorted = axes.clone();
            for (int i = 0; i < sorted.length; i++) if (sorted[i] < 0) sorted[i] += rank;
            java.util.Arrays.sort(sorted);
            for (long ax : sorted) {
                if (ax < 0 || ax > a.size()) return null;
                a.add((int) ax, new Axis("one", 1));
            }
            return s.withAxes(a);
        }
        return null;
    }

    private static Value squeeze(OnnxNode n, Value x, long[] axes) {
        if (x instanceof Filled) return x;
        if (!(x instanceof Seq s) || axes == null || axes.length == 0) return null;
        List<Axis> a = new ArrayList<>(s.axes());
        long[] sorted = axes.clone();
        for (int i = 0; i < sorted.length; i++) if (sorted[i] < 0) sorted[i] += a.size();
        java.util.Arrays.sort(sorted);
        for (int i = sorted.length - 1; i >= 0; i--) {
            int ax = (int) sorted[i];
            if (ax < 0 || ax >= a.size() || a.get(ax).size() != 1) return null; // only axes known to be 1
            a.remove(ax);
        }
        return s.withAxes(a);
    }

    private static Value concat(OnnxNode n, List<Value> in) {
        long axis = n.attribute("axis").map(OnnxAttribute::asInt).orElse(0L);
        if (axis != 0) return null;
        if (in.stream().allMatch(v -> v instanceof StateOut s && s.layers().size() == 1)) {
            int output = ((StateOut) in.get(0)).output();
            List<Integer> layers = new ArrayList<>();
            for (Value v : in) {
                StateOut s = (StateOut) v;
                if (s.output() != output) return null;
                layers.add(s.layers().get(0));
            }
            return new StateOut(output, layers);
        }
        List<Object> e = new ArrayList<>();
        for (Value v : in) {
            if (v instanceof Dims d && !d.scalar()) {
                e.addAll(d.entries());
            } else if (v instanceof Const c && c.tensor().dims().length == 1 && isInt(c.tensor())) {
                for (long l : c.tensor().longs()) e.add(l);
            } else {
                return null;
            }
        }
        return new Dims(e, false);
    }

    private static Value slice(OnnxNode n, List<Value> in) {
        Value x = in.get(0);
        if (x instanceof Filled) return x;
        if (!(x instanceof Input s) || s.to() != -1 || in.size() < 4) return null;
        long[] starts = ints(n, in.get(1), "starts");
        long[] ends = ints(n, in.get(2), "ends");
        long[] axes = ints(n, in.get(3), "axes");
        if (in.size() > 4 && in.get(4) != null && ints(n, in.get(4), "steps")[0] != 1) return null;
        if (starts.length != 1 || ends.length != 1 || axes.length != 1 || axes[0] != 0 || starts[0] < 0 || ends[0] <= starts[0]) {
            return null;
        }
        return new Input(s.name(), starts[0], ends[0]);
    }

    private static Value transpose(OnnxNode n, Value x) {
        if (x instanceof Filled) return x;
        if (!(x instanceof Seq s)) return null;
        long[] perm = n.attribute("perm").map(OnnxAttribute::asInts).orElse(null);
        int rank = s.axes().size();
        if (perm == null) {
            perm = new long[rank];
            for (int i = 0; i < rank; i++) perm[i] = rank - 1 - i;
        }
        if (perm.length != rank) return null;
        List<Axis> a = new ArrayList<>();
        boolean[] seen = new boolean[rank];
        for (long p : perm) {
            if (p < 0 || p >= rank || seen[(int) p]) return null;
            seen[(int) p] = true;
            a.add(s.axes().get((int) p));
        }
        return s.withAxes(a);
    }

    /** Axes from the attribute (before opset 13) or the second input (13 and later). */
    private static long[] axes(OnnxNode n, List<Value> in) {
        var attr = n.attribute("axes");
        if (attr.isPresent()) return attr.get().asInts();
        return in.size() > 1 && in.get(1) != null ? ints(n, in.get(1), "axes") : null;
    }

    /** {@code v} as float data (not indices), or a refusal naming the node. */
    static Seq data(OnnxNode n, Value v, String what) {
        if (v instanceof Seq s && !s.indices()) return s;
        throw new IllegalArgumentException("cannot import " + n.describe() + ": its " + what + " is not the model's float data (got "
                + kind(v) + ")");
    }

    /** A constant int vector operand (from a Const or fully known Dims), else a refusal naming it. */
    static long[] ints(OnnxNode n, Value v, String what) {
        if (v instanceof Const c && isInt(c.tensor())) return c.tensor().longs();
        if (v instanceof Dims d && d.entries().stream().allMatch(e -> e instanceof Long)) {
            return d.entries().stream().mapToLong(e -> (Long) e).toArray();
        }
        throw new IllegalArgumentException("cannot import " + n.describe() + ": its " + what
                + " must be a constant, got " + kind(v));
    }

    private static boolean isInt(OnnxTensor t) {
        return t.dataType() == DataType.INT64 || t.dataType() == DataType.INT32;
    }
}
