package org.rnn4j.tensor;

import java.util.Arrays;
import java.util.List;
import static org.rnn4j.internal.TensorAccess.record;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.internal.autograd.Engine;
import org.rnn4j.internal.autograd.Node;
import org.rnn4j.tensor.cpu.Act;

/**
 * A float32 n-dimensional array with PyTorch's semantics: a view over shared storage
 * ({@code shape}, {@code strides}, {@code offset}), broadcasting arithmetic, and reverse-mode
 * autograd recorded on a dynamic tape.
 *
 * <p>Views ({@link #reshape} of a contiguous tensor, {@link #transpose}, {@link #select},
 * {@link #narrow}, {@link #unsqueeze}, {@link #detach}) share storage; every other operation
 * returns a new contiguous tensor. Operations on tensors that require grad, run while
 * {@link GradMode} is enabled, record a node on the tape so that {@link #backward()} can reach them.
 *
 * <p>Not thread-safe for mutation (in-place {@link #fill}, gradient accumulation); reading
 * the same tensor from many threads is safe.
 */
public final class Tensor {
    // Package-private: the op classes of this package read the layout directly.
    final float[] data;
    final int[] shape;
    final int[] strides;
    final int offset;

    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private int outputIndex;

    static {
        TensorAccess.register(new EngineHooks());
    }

    private Tensor(float[] data, int[] shape, int[] strides, int offset) {
        this.data = data;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /** Wraps {@code data} (not copied) as a contiguous tensor; for kernels that built a fresh array. */
    static Tensor wrap(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        Shapes.checkShape(shape);
        int n = Shapes.numel(shape);
        if (data.length != n) {
            throw new IllegalArgumentException("shape '" + Arrays.toString(shape)
                    + "' is invalid for input of size " + data.length);
        }
        return new Tensor(data, shape.clone(), Shapes.contiguousStrides(shape), 0);
    }

    // ---------------------------------------------------------------- creation

    /** A tensor holding a copy of {@code data} with the given shape. */
    public static Tensor of(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return wrap(data.clone(), shape);
    }

    /** A 0-dimensional tensor holding {@code value}. */
    public static Tensor scalar(float value) {
        return wrap(new float[] {value});
    }

    public static Tensor zeros(int... shape) {
        Shapes.checkShape(shape);
        int n = Shapes.numel(shape);
        checkHeap(n, shape);
        return wrap(new float[n], shape);
    }

    /** A tensor that cannot fit in the heap at all is bad input, not an OutOfMemoryError. */
    private static void checkHeap(int numel, int[] shape) {
        long bytes = 4L * numel;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max / 2) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs "
                    + (bytes >> 20) + " MiB, more than half the maximum heap (" + (max >> 20)
                    + " MiB); give the JVM more memory (-Xmx) or use smaller sizes");
        }
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** Standard normal samples from the default generator ({@link #manualSeed}). */
    public static Tensor randn(int... shape) {
        Tensor t = zeros(shape);
        Rng.normal(t.data, 0, t.data.length, 0, 1);
        return t;
    }

    /** Uniform samples in [0, 1) from the default generator. */
    public static Tensor rand(int... shape) {
        Tensor t = zeros(shape);
        Rng.uniform(t.data, 0, t.data.length, 0, 1);
        return t;
    }

    /** {@code steps} evenly spaced values from start to end inclusive, as numpy and torch compute them. */
    public static Tensor linspace(double start, double end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("number of steps must be non-negative, got " + steps);
        float[] v = new float[steps];
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) v[i] = (float) (start + i * step);
        if (steps > 1) v[steps - 1] = (float) end;
        return wrap(v, steps);
    }

    /** Reseeds the default generator, like {@code torch.manual_seed}. */
    public static void manualSeed(long seed) {
        Rng.seed(seed);
    }

    // ---------------------------------------------------------------- layout

    public int[] shape() {
        return shape.clone();
    }

    public int dim() {
        return shape.length;
    }

    /** Size of dimension {@code d}; negative dims count from the end. */
    public int size(int d) {
        return shape[Shapes.dim(d, shape.length)];
    }

    public int numel() {
        return Shapes.numel(shape);
    }

    public int[] strides() {
        return strides.clone();
    }

    public boolean isContiguous() {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** This tensor if contiguous, else a contiguous copy (differentiable). */
    public Tensor contiguous() {
        if (isContiguous()) return this;
        Tensor out = wrap(toFloatArray(), shape);
        return record(out, "CloneBackward", g -> new Tensor[] {g}, this);
    }

    /** A row-major copy of the elements. */
    public float[] toFloatArray() {
        int n = numel();
        if (n == 0) return new float[0]; // a zero-size view's offset may lie past the end of its storage
        if (isContiguous()) return Arrays.copyOfRange(data, offset, offset + n);
        float[] out = new float[n];
        StridedLayout.gather(data, StridedLayout.positions(shape, strides, offset), out);
        return out;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("a Tensor with " + numel()
                    + " elements cannot be converted to Scalar");
        }
        return data[offset];
    }

    /** The element at the given indices (one per dimension). */
    public float get(int... index) {
        return data[position(index)];
    }

    private int position(int... index) {
        if (index == null) throw new IllegalArgumentException("indices must not be null");
        if (index.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices, got " + index.length);
        }
        int p = offset;
        for (int d = 0; d < index.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of bounds for dimension "
                        + d + " with size " + shape[d]);
            }
            p += i * strides[d];
        }
        return p;
    }

    // ---------------------------------------------------------------- autograd

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Sets the flag on a leaf tensor and returns it, like {@code requires_grad_()}. On a non-leaf
     * (which always requires grad) {@code true} is a no-op and {@code false} throws, as in PyTorch.
     */
    public Tensor requiresGrad(boolean flag) {
        if (gradFn != null) {
            if (flag) return this;
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want"
                    + " to use a computed variable in a subgraph that doesn't require differentiation use"
                    + " var_no_grad = var.detach().");
        }
        requiresGrad = flag;
        return this;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The accumulated gradient, or null until a gradient flows. */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the gradient (null clears it, as {@code zero_grad(set_to_none=True)}). */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape)) {
            throw new IllegalArgumentException("assigned grad has data of a different size: expected "
                    + Arrays.toString(shape) + ", got " + Arrays.toString(g.shape));
        }
        grad = g;
    }

    /** The node that produced this tensor, or null for a leaf. For autograd internals. */
    Node gradFn() {
        return gradFn;
    }

    /** Which output of {@link #gradFn()} this tensor is. */
    int outputIndex() {
        return outputIndex;
    }

    /**
     * Marks this fresh result as output {@code index} of {@code node}. For code that defines its own
     * differentiable operation (a fused layer); returns this.
     */
    Tensor setGradFn(Node node, int index) {
        this.gradFn = node;
        this.outputIndex = index;
        this.requiresGrad = node != null;
        return this;
    }

    /** Adds {@code g} into {@link #grad()}, allocating it on first use. For autograd internals. */
    void accumulateGrad(Tensor g) {
        if (!Arrays.equals(g.shape, shape)) {
            throw new IllegalStateException("gradient of shape " + Arrays.toString(g.shape)
                    + " does not match tensor of shape " + Arrays.toString(shape));
        }
        if (grad == null) {
            grad = wrap(g.toFloatArray(), shape);
        } else {
            Tensor gc = g.contiguous();
            float[] src = gc.data;
            int so = gc.offset;
            float[] dst = grad.data;
            for (int i = 0; i < dst.length; i++) dst[i] += src[so + i];
        }
    }

    /** Backpropagates from this one-element tensor. */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalStateException("grad can be implicitly created only for scalar outputs (got shape "
                    + Arrays.toString(shape) + ")");
        }
        backward(full(1f, shape));
    }

    /** Backpropagates {@code gradient} (shaped like this tensor). */
    public void backward(Tensor gradient) {
        if (gradient == null) throw new IllegalArgumentException("backward: gradient must not be null");
        if (!Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("gradient has shape " + Arrays.toString(gradient.shape)
                    + " but the tensor has shape " + Arrays.toString(shape));
        }
        Engine.backward(this, gradient);
    }

    /** A tensor sharing storage but cut from the graph. */
    public Tensor detach() {
        return new Tensor(data, shape, strides, offset);
    }

    /** The engine's view of a tensor, handed to {@link TensorAccess} once (the "shared secrets" pattern). */
    private static final class EngineHooks implements TensorAccess.Hooks {
        @Override
        public float[] storage(Tensor t) {
            return t.data;
        }

        @Override
        public int offset(Tensor t) {
            return t.offset;
        }

        @Override
        public Tensor wrap(float[] data, int[] shape) {
            return Tensor.wrap(data, shape);
        }

        @Override
        public Node gradFn(Tensor t) {
            return t.gradFn;
        }

        @Override
        public int outputIndex(Tensor t) {
            return t.outputIndex;
        }

        @Override
        public void setGradFn(Tensor t, Node node, int index) {
            t.setGradFn(node, index);
        }

        @Override
        public void accumulateGrad(Tensor t, Tensor g) {
            t.accumulateGrad(g);
        }
    }

    // ---------------------------------------------------------------- in place

    /** Fills in place (not recorded by autograd) and returns this. */
    public Tensor fill(float value) {
        if (numel() == 0) return this;
        if (isContiguous()) {
            Arrays.fill(data, offset, offset + numel(), value);
        } else {
            for (int p : StridedLayout.positions(shape, strides, offset)) data[p] = value;
        }
        return this;
    }

    /** Copies {@code src} (same shape) into this tensor in place; not recorded by autograd. */
    public Tensor copyFrom(Tensor src) {
        if (src == null) throw new IllegalArgumentException("copy: source must not be null");
        if (!Arrays.equals(src.shape, shape)) {
            throw new IllegalArgumentException("copy: expected shape " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(src.shape));
        }
        float[] values = src.toFloatArray();
        if (values.length == 0) return this;
        if (isContiguous()) {
            System.arraycopy(values, 0, data, offset, values.length);
        } else {
            int[] at = StridedLayout.positions(shape, strides, offset);
            for (int i = 0; i < at.length; i++) data[at[i]] = values[i];
        }
        return this;
    }

    // ---------------------------------------------------------------- arithmetic

    @FunctionalInterface
    private interface BinaryOp {
        float apply(float a, float b);
    }

    @FunctionalInterface
    private interface UnaryOp {
        float apply(float x);
    }

    public Tensor add(Tensor other) {
        requireOperand(other, "add");
        Tensor out = binary(this, other, (a, b) -> a + b);
        return record(out, "AddBackward0", g -> new Tensor[] {
            requiresGrad ? g.sumTo(shape) : null, other.requiresGrad ? g.sumTo(other.shape) : null}, this, other);
    }

    public Tensor sub(Tensor other) {
        requireOperand(other, "sub");
        Tensor out = binary(this, other, (a, b) -> a - b);
        return record(out, "SubBackward0", g -> new Tensor[] {
            requiresGrad ? g.sumTo(shape) : null, other.requiresGrad ? g.neg().sumTo(other.shape) : null},
            this, other);
    }

    public Tensor mul(Tensor other) {
        requireOperand(other, "mul");
        Tensor out = binary(this, other, (a, b) -> a * b);
        return record(out, "MulBackward0", g -> new Tensor[] {
            requiresGrad ? g.mul(other.detach()).sumTo(shape) : null,
            other.requiresGrad ? g.mul(detach()).sumTo(other.shape) : null}, this, other);
    }

    public Tensor div(Tensor other) {
        requireOperand(other, "div");
        Tensor out = binary(this, other, (a, b) -> a / b);
        return record(out, "DivBackward0", g -> {
            Tensor b = other.detach();
            return new Tensor[] {
                requiresGrad ? g.div(b).sumTo(shape) : null,
                other.requiresGrad ? g.mul(detach()).div(b.mul(b)).neg().sumTo(other.shape) : null};
        }, this, other);
    }

    private static void requireOperand(Tensor other, String op) {
        if (other == null) throw new IllegalArgumentException(op + "(): argument 'other' must be a Tensor, not null");
    }

    public Tensor add(float s) {
        return record(unary(this, x -> x + s), "AddBackward1", g -> new Tensor[] {g}, this);
    }

    public Tensor sub(float s) {
        return add(-s);
    }

    public Tensor mul(float s) {
        return record(unary(this, x -> x * s), "MulBackward1", g -> new Tensor[] {g.mul(s)}, this);
    }

    public Tensor div(float s) {
        return record(unary(this, x -> x / s), "DivBackward1", g -> new Tensor[] {g.div(s)}, this);
    }

    public Tensor neg() {
        return record(unary(this, x -> -x), "NegBackward0", g -> new Tensor[] {g.neg()}, this);
    }

    public Tensor exp() {
        Tensor out = unary(this, x -> (float) Math.exp(x));
        return record(out, "ExpBackward0", g -> new Tensor[] {g.mul(out.detach())}, this);
    }

    public Tensor log() {
        return record(unary(this, x -> (float) Math.log(x)), "LogBackward0",
                g -> new Tensor[] {g.div(detach())}, this);
    }

    public Tensor sqrt() {
        Tensor out = unary(this, x -> (float) Math.sqrt(x));
        return record(out, "SqrtBackward0", g -> new Tensor[] {g.div(out.detach().mul(2f))}, this);
    }

    /** Element-wise square, {@code x * x}. */
    public Tensor square() {
        return record(unary(this, x -> x * x), "PowBackward0", g -> new Tensor[] {g.mul(detach().mul(2f))}, this);
    }

    public Tensor abs() {
        return record(unary(this, Math::abs), "AbsBackward0",
                g -> new Tensor[] {g.mul(unary(detach(), x -> Math.signum(x)))}, this);
    }

    public Tensor tanh() {
        Tensor out = activated(this, Act.TANH);
        return record(out, "TanhBackward0", g -> {
            Tensor y = out.detach();
            return new Tensor[] {binary(g, y, (gg, yy) -> gg * (1f - yy * yy))};
        }, this);
    }

    public Tensor sigmoid() {
        Tensor out = activated(this, Act.SIGMOID);
        return record(out, "SigmoidBackward0", g -> {
            Tensor y = out.detach();
            return new Tensor[] {binary(g, y, (gg, yy) -> gg * yy * (1f - yy))};
        }, this);
    }

    public Tensor relu() {
        Tensor out = unary(this, x -> x > 0f ? x : 0f);
        return record(out, "ReluBackward0", g -> {
            Tensor y = out.detach();
            return new Tensor[] {binary(g, y, (gg, yy) -> yy > 0f ? gg : 0f)};
        }, this);
    }

    /** The fused kernels' (vectorised) activation, so composed and fused paths agree. */
    private static Tensor activated(Tensor a, Act act) {
        float[] v = a.toFloatArray();
        act.applyInPlace(v, 0, v.length);
        return wrap(v, a.shape);
    }

    private static Tensor unary(Tensor a, UnaryOp op) {
        float[] src = a.toFloatArray();
        for (int i = 0; i < src.length; i++) src[i] = op.apply(src[i]);
        return wrap(src, a.shape);
    }

    private static Tensor binary(Tensor a, Tensor b, BinaryOp op) {
        if (Arrays.equals(a.shape, b.shape) && a.isContiguous() && b.isContiguous()) {
            int n = a.numel();
            float[] out = new float[n];
            float[] x = a.data;
            float[] y = b.data;
            int xo = a.offset;
            int yo = b.offset;
            for (int i = 0; i < n; i++) out[i] = op.apply(x[xo + i], y[yo + i]);
            return wrap(out, a.shape);
        }
        int[] shape = Shapes.broadcast(a.shape, b.shape);
        int[] as = Shapes.broadcastStrides(a.shape, a.strides, shape);
        int[] bs = Shapes.broadcastStrides(b.shape, b.strides, shape);
        int[] pa = StridedLayout.positions(shape, as, a.offset);
        int[] pb = StridedLayout.positions(shape, bs, b.offset);
        float[] out = new float[pa.length];
        for (int i = 0; i < out.length; i++) out[i] = op.apply(a.data[pa[i]], b.data[pb[i]]);
        return wrap(out, shape);
    }

    /** Sums this (broadcast) gradient down to {@code target}, the shape it was broadcast from. */
    public Tensor sumTo(int[] target) {
        if (target == null) throw new IllegalArgumentException("sumTo: target shape must not be null");
        if (Arrays.equals(shape, target)) return this;
        Shapes.checkExpandable(target, shape, "sumTo: shape " + Arrays.toString(shape) + " cannot be summed to "
                + Arrays.toString(target) + ": ");
        int[] tStrides = Shapes.broadcastStrides(target, Shapes.contiguousStrides(target), shape);
        float[] out = new float[Shapes.numel(target)];
        float[] src = toFloatArray();
        int[] at = StridedLayout.positions(shape, tStrides, 0);
        for (int i = 0; i < src.length; i++) out[at[i]] += src[i];
        Tensor result = wrap(out, target);
        int[] from = shape;
        return record(result, "SumToBackward", g -> new Tensor[] {g.expandTo(from)}, this);
    }

    /** Broadcasts this tensor to {@code target} as a contiguous copy. */
    public Tensor expandTo(int[] target) {
        if (target == null) throw new IllegalArgumentException("expandTo: target shape must not be null");
        if (Arrays.equals(shape, target)) return this;
        Shapes.checkExpandable(shape, target, "");
        Tensor out = binary(this, zeros(target), (x, z) -> x);
        int[] from = shape;
        return record(out, "ExpandBackward0", g -> new Tensor[] {g.sumTo(from)}, this);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements, as a 0-dimensional tensor. */
    public Tensor sum() {
        float[] v = toFloatArray();
        double s = 0;
        for (float x : v) s += x;
        int[] from = shape;
        return record(scalar((float) s), "SumBackward0", g -> new Tensor[] {full(g.item(), from)}, this);
    }

    /** Mean of all elements, as a 0-dimensional tensor. */
    public Tensor mean() {
        int n = numel();
        float[] v = toFloatArray();
        double s = 0;
        for (float x : v) s += x;
        int[] from = shape;
        return record(scalar((float) (s / n)), "MeanBackward0",
                g -> new Tensor[] {full(g.item() / n, from)}, this);
    }

    /** Sum over dimension {@code d}, keeping it as size 1 if {@code keepDim}. */
    public Tensor sum(int d, boolean keepDim) {
        d = Shapes.dim(d, dim());
        if (dim() == 0) return sum();
        int[] kept = shape.clone();
        kept[d] = 1;
        Tensor s = sumTo(kept);
        if (s == this) s = s.contiguous();
        return keepDim ? s : s.squeeze(d);
    }

    // ---------------------------------------------------------------- matrix products

    /**
     * Matrix product with {@code torch.matmul}'s rules for 1-D and 2-D operands, and for an N-D
     * left operand times a 2-D right operand (the leading dimensions are batch).
     */
    public Tensor matmul(Tensor other) {
        requireOperand(other, "matmul");
        int da = dim();
        int db = other.dim();
        if (da == 0 || db == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are "
                    + da + "D and " + db + "D");
        }
        if (da == 1 && db == 1) {
            if (shape[0] != other.shape[0]) {
                throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + shape[0]
                        + "] and src [" + other.shape[0] + "] to have the same number of elements");
            }
            return mul(other).sum();
        }
        if (db == 1) {
            return matmul(other.unsqueeze(1)).squeeze(-1);
        }
        if (db > 2) {
            throw new IllegalArgumentException("matmul with a " + db
                    + "-D right operand is not supported; expected 1-D or 2-D, got shape "
                    + Arrays.toString(other.shape));
        }
        if (da == 1) {
            return unsqueeze(0).matmul(other).squeeze(0);
        }
        int k = shape[da - 1];
        if (da == 2) return MatrixProduct.mm(this, other);
        int[] outShape = shape.clone();
        outShape[da - 1] = other.shape[1];
        return MatrixProduct.mm(reshape(-1, k), other).reshape(outShape);
    }

    // ---------------------------------------------------------------- views and shape

    /** Same elements, new shape; one dimension may be -1. A view when contiguous. */
    public Tensor reshape(int... newShape) {
        int[] target = Shapes.inferShape(newShape, numel());
        Tensor src = contiguous();
        Tensor out = new Tensor(src.data, target, Shapes.contiguousStrides(target), src.offset);
        int[] from = shape;
        return record(out, "ViewBackward0", g -> new Tensor[] {g.reshape(from)}, src);
    }

    /** Alias of {@link #reshape}. */
    public Tensor view(int... newShape) {
        return reshape(newShape);
    }

    /** Swaps two dimensions (a view). */
    public Tensor transpose(int d0, int d1) {
        int a = Shapes.dim(d0, dim());
        int b = Shapes.dim(d1, dim());
        if (dim() == 0) return this;
        int[] s = shape.clone();
        int[] st = strides.clone();
        s[a] = shape[b];
        s[b] = shape[a];
        st[a] = strides[b];
        st[b] = strides[a];
        Tensor out = new Tensor(data, s, st, offset);
        return record(out, "TransposeBackward0", g -> new Tensor[] {g.transpose(a, b)}, this);
    }

    /** Inserts a dimension of size 1 at {@code d} (a view). */
    public Tensor unsqueeze(int d) {
        int r = dim() + 1;
        int at = Shapes.dim(d, r);
        int[] s = new int[r];
        int[] st = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            if (i == at) {
                s[i] = 1;
                st[i] = j < dim() ? strides[j] * shape[j] : 1;
            } else {
                s[i] = shape[j];
                st[i] = strides[j++];
            }
        }
        Tensor out = new Tensor(data, s, st, offset);
        int[] from = shape;
        return record(out, "UnsqueezeBackward0", g -> new Tensor[] {g.reshape(from)}, this);
    }

    /** Removes dimension {@code d} if its size is 1 (a view); otherwise returns this. */
    public Tensor squeeze(int d) {
        int at = Shapes.dim(d, dim());
        if (dim() == 0 || shape[at] != 1) return this;
        int[] s = new int[dim() - 1];
        int[] st = new int[dim() - 1];
        for (int i = 0, j = 0; i < dim(); i++) {
            if (i == at) continue;
            s[j] = shape[i];
            st[j++] = strides[i];
        }
        Tensor out = new Tensor(data, s, st, offset);
        int[] from = shape;
        return record(out, "SqueezeBackward1", g -> new Tensor[] {g.reshape(from)}, this);
    }

    /** The slice at {@code index} along {@code d}, removing that dimension (a view). */
    public Tensor select(int d, int index) {
        if (dim() == 0) throw new IndexOutOfBoundsException("select() cannot be applied to a 0-dim tensor.");
        int at = Shapes.dim(d, dim());
        int i = index < 0 ? index + shape[at] : index;
        if (i < 0 || i >= shape[at]) {
            throw new IndexOutOfBoundsException("select(): index " + index + " out of range for tensor of size "
                    + Arrays.toString(shape) + " at dimension " + at);
        }
        return narrow(at, i, 1).squeeze(at);
    }

    /** Elements {@code start .. start+length-1} along {@code d} (a view); a negative start counts from the end. */
    public Tensor narrow(int d, int start, int length) {
        if (dim() == 0) throw new IndexOutOfBoundsException("narrow() cannot be applied to a 0-dim tensor.");
        int at = Shapes.dim(d, dim());
        if (start < -shape[at] || start > shape[at]) {
            throw new IndexOutOfBoundsException("start out of range (expected to be in range of [" + -shape[at]
                    + ", " + shape[at] + "], but got " + start + ")");
        }
        int first = start < 0 ? start + shape[at] : start;
        if (length < 0) throw new IndexOutOfBoundsException("narrow(): length must be non-negative, got " + length);
        if ((long) first + length > shape[at]) {
            throw new IndexOutOfBoundsException("start (" + first + ") + length (" + length
                    + ") exceeds dimension size (" + shape[at] + ").");
        }
        int[] s = shape.clone();
        s[at] = length;
        Tensor out = new Tensor(data, s, strides, offset + first * strides[at]);
        int[] from = shape;
        return record(out, "NarrowBackward0", g -> {
            Tensor full = zeros(from);
            full.narrowView(at, first, length).copyFrom(g);
            return new Tensor[] {full};
        }, this);
    }

    private Tensor narrowView(int at, int start, int length) {
        int[] s = shape.clone();
        s[at] = length;
        return new Tensor(data, s, strides, offset + start * strides[at]);
    }

    /** Concatenates tensors along {@code d}; all other sizes must match. */
    public static Tensor cat(List<Tensor> tensors, int d) {
        checkTensorList(tensors, "cat");
        Tensor first = tensors.get(0);
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).dim() == 0) {
                throw new IllegalArgumentException("zero-dimensional tensor (at position " + i
                        + ") cannot be concatenated");
            }
        }
        int at = Shapes.dim(d, first.dim());
        int[] outShape = first.shape.clone();
        outShape[at] = 0;
        for (Tensor t : tensors) {
            if (t.dim() != first.dim()) {
                throw new IllegalArgumentException("Tensors must have same number of dimensions: got "
                        + first.dim() + " and " + t.dim());
            }
            for (int i = 0; i < first.dim(); i++) {
                if (i != at && t.shape[i] != first.shape[i]) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + at
                            + ". Expected size " + first.shape[i] + " but got size " + t.shape[i]
                            + " for tensor number " + tensors.indexOf(t) + " in the list.");
                }
            }
            outShape[at] += t.shape[at];
        }
        Tensor out = zeros(outShape);
        int[] starts = new int[tensors.size()];
        int pos = 0;
        for (int i = 0; i < tensors.size(); i++) {
            starts[i] = pos;
            Tensor t = tensors.get(i);
            out.narrowView(at, pos, t.shape[at]).copyFrom(t);
            pos += t.shape[at];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return record(out, "CatBackward0", g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                grads[i] = g.narrow(at, starts[i], inputs[i].shape[at]).contiguous();
            }
            return grads;
        }, inputs);
    }

    /** Stacks equally shaped tensors along a new dimension {@code d}. */
    public static Tensor stack(List<Tensor> tensors, int d) {
        checkTensorList(tensors, "stack");
        int at = Shapes.dim(d, tensors.get(0).dim() + 1);
        for (int i = 1; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (!Arrays.equals(t.shape, tensors.get(0).shape)) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got "
                        + Arrays.toString(tensors.get(0).shape) + " at entry 0 and " + Arrays.toString(t.shape)
                        + " at entry " + i);
            }
        }
        return cat(tensors.stream().map(t -> t.unsqueeze(at)).toList(), at);
    }

    private static void checkTensorList(List<Tensor> tensors, String op) {
        if (tensors == null) throw new IllegalArgumentException(op + "(): the list of tensors must not be null");
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException(op + "(): expected a non-empty list of Tensors");
        }
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i) == null) {
                throw new IllegalArgumentException(op + "(): expected a Tensor at position " + i + ", got null");
            }
        }
    }

    /** A differentiable copy with its own storage. */
    public Tensor copy() {
        Tensor out = wrap(toFloatArray(), shape);
        return record(out, "CloneBackward0", g -> new Tensor[] {g}, this);
    }

    // ---------------------------------------------------------------- printing

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        float[] v = toFloatArray();
        TensorFormat.values(sb, v, shape, 7);
        if (gradFn != null) sb.append(", grad_fn=<").append(gradFn.name()).append('>');
        else if (requiresGrad) sb.append(", requires_grad=True");
        return sb.append(')').toString();
    }
}
