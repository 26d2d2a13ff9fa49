package org.rnn4j.onnx.imports;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.onnx.imports.Value.Axis;
import org.rnn4j.onnx.imports.Value.Seq;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxNode;

/**
 * Reshape of the data tensor, tracked by axis labels: each target entry takes a run of consecutive
 * source axes ({@code 0}: the axis at the same index; {@code -1}: whatever the other entries leave;
 * {@code n}: axes of known sizes whose product is n). A run of several axes becomes one axis
 * labelled {@code a*b}, which is how {@code [T, B, D, H] -> [T, B, D*H]} is recognised; anything
 * that would mix time or batch with other axes is refused.
 */
final class SeqReshape {
    private SeqReshape() {}

    static Seq apply(OnnxNode n, Seq s, long[] shape) {
        if (n.attribute("allowzero").map(OnnxAttribute::asInt).orElse(0L) != 0) {
            throw fail(n, "allowzero=1");
        }
        List<Axis> src = s.axes();
        List<Axis> out = new ArrayList<>();
        int p = 0;
        for (int i = 0; i < shape.length; i++) {
            long e = shape[i];
            if (e == 0) {
                if (p != i || p >= src.size()) throw fail(n, "a 0 entry that does not copy the axis at its index");
                out.add(src.get(p++));
            } else if (e == -1) {
                int rest = 0; // source axes the entries after this one need (one each at least)
                for (int j = i + 1; j < shape.length; j++) rest++;
                int end = src.size() - rest;
                if (end <= p) throw fail(n, "a -1 entry with no axes left");
                out.add(merge(n, src.subList(p, end)));
                p = end;
            } else if (e > 0) {
                int start = p;
                long product = 1;
                while (p < src.size() && product < e) {
                    if (src.get(p).size() < 0) throw fail(n, "a fixed size " + e + " over a dynamic axis");
                    product *= src.get(p++).size();
                }
                if (product != e || p == start) throw fail(n, "size " + e + " that does not match whole axes");
                out.add(merge(n, src.subList(start, p)));
            } else {
                throw fail(n, "shape entry " + e);
            }
        }
        if (p != src.size()) throw fail(n, "a shape that leaves axes unaccounted for");
        return s.withAxes(out);
    }

    private static Axis merge(OnnxNode n, List<Axis> run) {
        if (run.size() == 1) return run.get(0);
        long size = 1;
        StringBuilder label = new StringBuilder();
        for (Axis a : run) {
            if (a.size() < 0) throw fail(n, "merging the dynamic axis '" + a.label() + "' with others");
            size *= a.size();
            if (label.length() > 0) label.append('*');
            label.append(a.label());
        }
        return new Axis(label.toString(), size);
    }

    private static IllegalArgumentException fail(OnnxNode n, String what) {
        return new IllegalArgumentException("cannot import " + n.describe() + ": a reshape of the data with " + what);
    }
}
