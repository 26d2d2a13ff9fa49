package org.rnn4j.tensor;

import static org.rnn4j.internal.TensorAccess.record;

import java.util.Arrays;
import org.rnn4j.tensor.cpu.math.Transcendentals;

/**
 * Element-wise arithmetic and activations with PyTorch's broadcasting, and their backward rules.
 * Results are new contiguous tensors; a broadcast operand's gradient is summed back to its shape
 * ({@link Tensor#sumTo}).
 */
final class PointwiseOps {
    private PointwiseOps() {}

    @FunctionalInterface
    interface BinaryOp {
        float apply(float a, float b);
    }

    @FunctionalInterface
    interface UnaryOp {
        float apply(float x);
    }

    /** a + b; d/da = g, d/db = g (each summed to its operand's shape). */
    static Tensor add(Tensor a, Tensor b) {
        requireOperand(b, "add");
        DTypeOps.requireFloat("add", a, b);
        Tensor out = binary(a, b, (x, y) -> x + y);
        return record(out, "AddBackward0", g -> new Tensor[] {
            a.requiresGrad() ? g.sumTo(a.shape) : null, b.requiresGrad() ? g.sumTo(b.shape) : null}, a, b);
    }

    /** a - b; d/da = g, d/db = -g. */
    static Tensor sub(Tensor a, Tensor b) {
        requireOperand(b, "sub");
        DTypeOps.requireFloat("sub", a, b);
        Tensor out = binary(a, b, (x, y) -> x - y);
        return record(out, "SubBackward0", g -> new Tensor[] {
            a.requiresGrad() ? g.sumTo(a.shape) : null, b.requiresGrad() ? g.neg().sumTo(b.shape) : null},
            a, b);
    }

    /** a * b; d/da = g * b, d/db = g * a. */
    static Tensor mul(Tensor a, Tensor b) {
        requireOperand(b, "mul");
        DTypeOps.requireFloat("mul", a, b);
        Tensor out = binary(a, b, (x, y) -> x * y);
        return record(out, "MulBackward0", g -> new Tensor[] {
            a.requiresGrad() ? g.mul(b.detach()).sumTo(a.shape) : null,
            b.requiresGrad() ? g.mul(a.detach()).sumTo(b.shape) : null}, a, b);
    }

    /** a / b; d/da = g / b, d/db = -g * a / b². */
    static Tensor div(Tensor a, Tensor b) {
        requireOperand(b, "div");
        DTypeOps.requireFloat("div", a, b);
        Tensor out = binary(a, b, (x, y) -> x / y);
        return record(out, "DivBackward0", g -> {
            Tensor bd = b.detach();
            return new Tensor[] {
                a.requiresGrad() ? g.div(bd).sumTo(a.shape) : null,
                b.requiresGrad() ? g.mul(a.detach()).div(bd.mul(bd)).neg().sumTo(b.shape) : null};
        }, a, b);
    }

    static void requireOperand(Tensor other, String op) {
        if (other == null) throw new IllegalArgumentException(op + "(): argument 'other' must be a Tensor, not null");
    }

    static Tensor add(Tensor a, float s) {
        DTypeOps.requireFloat("add", a);
        return record(unary(a, x -> x + s), "AddBackward1", g -> new Tensor[] {g}, a);
    }

    static Tensor mul(Tensor a, float s) {
        DTypeOps.requireFloat("mul", a);
        return record(unary(a, x -> x * s), "MulBackward1", g -> new Tensor[] {g.mul(s)}, a);
    }

    static Tensor div(Tensor a, float s) {
        DTypeOps.requireFloat("div", a);
        return record(unary(a, x -> x / s), "DivBackward1", g -> new Tensor[] {g.div(s)}, a);
    }

    static Tensor neg(Tensor a) {
        DTypeOps.requireFloat("neg", a);
        return record(unary(a, x -> -x), "NegBackward0", g -> new Tensor[] {g.neg()}, a);
    }

    /** e^x; d/dx = g * e^x. */
    static Tensor exp(Tensor a) {
        DTypeOps.requireFloat("exp", a);
        Tensor out = unary(a, x -> (float) Math.exp(x));
        return record(out, "ExpBackward0", g -> new Tensor[] {g.mul(out.detach())}, a);
    }

    /** ln x; d/dx = g / x. */
    static Tensor log(Tensor a) {
        DTypeOps.requireFloat("log", a);
        return record(unary(a, x -> (float) Math.log(x)), "LogBackward0",
                g -> new Tensor[] {g.div(a.detach())}, a);
    }

    /** √x; d/dx = g / (2√x). */
    static Tensor sqrt(Tensor a) {
        DTypeOps.requireFloat("sqrt", a);
        Tensor out = unary(a, x -> (float) Math.sqrt(x));
        return record(out, "SqrtBackward0", g -> new Tensor[] {g.div(out.detach().mul(2f))}, a);
    }

    /** x²; d/dx = 2xg. */
    static Tensor square(Tensor a) {
        DTypeOps.requireFloat("square", a);
        return record(unary(a, x -> x * x), "PowBackward0", g -> new Tensor[] {g.mul(a.detach().mul(2f))}, a);
    }

    /** |x|; d/dx = g * sign(x) (0 at 0, as PyTorch). */
    static Tensor abs(Tensor a) {
        DTypeOps.requireFloat("abs", a);
        return record(unary(a, Math::abs), "AbsBackward0",
                g -> new Tensor[] {g.mul(unary(a.detach(), x -> Math.signum(x)))}, a);
    }

    /** y = tanh x; d/dx = g (1 - y²). */
    static Tensor tanh(Tensor a) {
        DTypeOps.requireFloat("tanh", a);
        Tensor out = activated(a, true);
        return record(out, "TanhBackward0", g -> {
            Tensor y = out.detach();
            return new Tensor[] {binary(g, y, (gg, yy) -> gg * (1f - yy * yy))};
        }, a);
    }

    /** y = σ(x) = 1 / (1 + e^-x); d/dx = g y (1 - y). */
    static Tensor sigmoid(Tensor a) {
        DTypeOps.requireFloat("sigmoid", a);
        Tensor out = activated(a, false);
        return record(out, "SigmoidBackward0", g -> {
            Tensor y = out.detach();
            return new Tensor[] {binary(g, y, (gg, yy) -> gg * yy * (1f - yy))};
        }, a);
    }

    /** y = max(x, 0); d/dx = g where y > 0, else 0. */
    static Tensor relu(Tensor a) {
        DTypeOps.requireFloat("relu", a);
        Tensor out = unary(a, x -> x > 0f ? x : 0f);
        return record(out, "ReluBackward0", g -> {
            Tensor y = out.detach();
            return new Tensor[] {binary(g, y, (gg, yy) -> yy > 0f ? gg : 0f)};
        }, a);
    }

    private static final Transcendentals MATH = Transcendentals.get();

    /** The fused kernels' (vectorised) tanh or sigmoid, so composed and fused paths agree. */
    private static Tensor activated(Tensor a, boolean tanh) {
        float[] v = a.toFloatArray();
        if (tanh) MATH.tanh(v, 0, v.length); else MATH.sigmoid(v, 0, v.length);
        return Tensor.wrap(v, a.shape);
    }

    static Tensor unary(Tensor a, UnaryOp op) {
        float[] src = a.toFloatArray();
        for (int i = 0; i < src.length; i++) src[i] = op.apply(src[i]);
        return Tensor.wrap(src, a.shape);
    }

    /** op over a and b broadcast together (not recorded). */
    static Tensor binary(Tensor a, Tensor b, BinaryOp op) {
        if (Arrays.equals(a.shape, b.shape) && a.isContiguous() && b.isContiguous()) {
            int n = a.numel();
            float[] out = new float[n];
            float[] x = a.data;
            float[] y = b.data;
            int xo = a.offset;
            int yo = b.offset;
            for (int i = 0; i < n; i++) out[i] = op.apply(x[xo + i], y[yo + i]);
            return Tensor.wrap(out, a.shape);
        }
        int[] shape = Shapes.broadcast(a.shape, b.shape);
        int[] as = Shapes.broadcastStrides(a.shape, a.strides, shape);
        int[] bs = Shapes.broadcastStrides(b.shape, b.strides, shape);
        float[] out = new float[Shapes.numel(shape)];
        if (shape.length == 0) {
            out[0] = op.apply(a.data[a.offset], b.data[b.offset]);
            return Tensor.wrap(out, shape);
        }
        int inner = shape[shape.length - 1];
        int sa = as[shape.length - 1];
        int sb = bs[shape.length - 1];
        float[] x = a.data;
        float[] y = b.data;
        StridedLayout.forEachRow(shape, as, a.offset, bs, b.offset, (o, pa, pb) -> {
            for (int j = 0, qa = pa, qb = pb; j < inner; j++, qa += sa, qb += sb) out[o + j] = op.apply(x[qa], y[qb]);
        });
        return Tensor.wrap(out, shape);
    }
}
