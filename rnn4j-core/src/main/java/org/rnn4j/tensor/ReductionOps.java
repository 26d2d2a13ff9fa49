package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

import java.util.Arrays;

/**
 * Sums and means, and the broadcast pair {@code sumTo} / {@code expandTo} (each the other's
 * backward). Sums accumulate in double, so a long sum loses no more than one final rounding.
 */
final class ReductionOps {
    private ReductionOps() {}

    /** Σ of all elements as a 0-d tensor; d/dx = g everywhere. */
    static Tensor sum(Tensor t) {
        DTypeOps.requireFloat("sum", t);
        float[] v = t.toFloatArray();
        double s = 0;
        for (float x : v) s += x;
        int[] from = t.shape;
        return record(Tensor.scalar((float) s), "SumBackward0", g -> new Tensor[] {Tensor.full(g.item(), from)}, t);
    }

    /** Σ / n as a 0-d tensor; d/dx = g / n everywhere. */
    static Tensor mean(Tensor t) {
        DTypeOps.requireFloat("mean", t);
        int n = t.numel();
        float[] v = t.toFloatArray();
        double s = 0;
        for (float x : v) s += x;
        int[] from = t.shape;
        return record(Tensor.scalar((float) (s / n)), "MeanBackward0",
                g -> new Tensor[] {Tensor.full(g.item() / n, from)}, t);
    }

    /** Σ over dimension d, kept as size 1 if keepDim. */
    static Tensor sum(Tensor t, int d, boolean keepDim) {
        DTypeOps.requireFloat("sum", t);
        d = Shapes.dim(d, t.dim());
        if (t.dim() == 0) return t.sum();
        int[] kept = t.shape.clone();
        kept[d] = 1;
        Tensor s = t.sumTo(kept);
        if (s == t) s = s.contiguous();
        return keepDim ? s : s.squeeze(d);
    }

    /** Sums a (broadcast) gradient down to {@code target}, the shape it was broadcast from. */
    static Tensor sumTo(Tensor t, int[] target) {
        if (target == null) throw new IllegalArgumentException("sumTo: target shape must not be null");
        DTypeOps.requireFloat("sumTo", t);
        int[] shape = t.shape;
        if (Arrays.equals(shape, target)) return t;
        Shapes.checkExpandable(target, shape, "sumTo: shape " + Arrays.toString(shape) + " cannot be summed to "
                + Arrays.toString(target) + ": ");
        int[] tStrides = Shapes.broadcastStrides(target, Shapes.contiguousStrides(target), shape);
        float[] out = new float[Shapes.numel(target)];
        float[] src = t.toFloatArray();
        int[] at = StridedLayout.positions(shape, tStrides, 0);
        for (int i = 0; i < src.length; i++) out[at[i]] += src[i];
        Tensor result = Tensor.wrap(out, target);
        return record(result, "SumToBackward", g -> new Tensor[] {g.expandTo(shape)}, t);
    }

    /** Broadcasts {@code t} to {@code target} as a contiguous copy. */
    static Tensor expandTo(Tensor t, int[] target) {
        if (target == null) throw new IllegalArgumentException("expandTo: target shape must not be null");
        DTypeOps.requireFloat("expandTo", t);
        int[] shape = t.shape;
        if (Arrays.equals(shape, target)) return t;
        Shapes.checkExpandable(shape, target, "");
        Tensor out = PointwiseOps.binary(t, Tensor.zeros(target), (x, z) -> x);
        return record(out, "ExpandBackward0", g -> new Tensor[] {g.sumTo(shape)}, t);
    }
}
