package org.rnn4j.tensor;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.internal.autograd.Node;

/**
 * An n-dimensional array of float32 (or, for indices, int64: {@link DType}) with PyTorch's
 * semantics: a view over shared storage ({@code shape}, {@code strides}, {@code offset}),
 * broadcasting arithmetic, and reverse-mode autograd recorded on a dynamic tape.
 *
 * <p>Views ({@link #reshape} of a contiguous tensor, {@link #transpose}, {@link #select},
 * {@link #narrow}, {@link #unsqueeze}, {@link #detach}) share storage; every other operation
 * returns a new contiguous tensor. Operations on tensors that require grad, run while
 * {@link GradMode} is enabled, record a node on the tape so that {@link #backward()} can reach them.
 *
 * <p>This class holds the data, the layout and the autograd state; the operations live in
 * package-private classes by family ({@link PointwiseOps}, {@link ReductionOps},
 * {@link ViewOps}, {@link JoinOps}, {@link CopyOps}, {@link CreationOps}, {@link DTypeOps},
 * {@link AutogradOps}, {@link MatrixProduct}, {@link SoftmaxOps}, {@link DimReductionOps},
 * {@link IndexOps}, {@link ScalarOps}).
 *
 * <p>Not thread-safe for mutation (in-place {@link #fill}, gradient accumulation); reading
 * the same tensor from many threads is safe.
 */
public final class Tensor {
    // Package-private: the op classes of this package read the layout directly.
    final float[] data; // FLOAT32 elements, or null for INT64
    final long[] longs; // INT64 elements, or null for FLOAT32
    final int[] shape;
    final int[] strides;
    final int offset;

    // Autograd state, changed by AutogradOps and (for the engine) EngineHooks.
    boolean requiresGrad;
    Tensor grad;
    /** This tensor is a grad that accumulateGrad made in a pooled array and no caller has seen: see AutogradOps. */
    boolean unseenPooledGrad;
    Node gradFn;
    int outputIndex;

    static {
        TensorAccess.register(new EngineHooks());
    }

    private Tensor(float[] data, long[] longs, int[] shape, int[] strides, int offset) {
        this.data = data;
        this.longs = longs;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /** Wraps {@code data} (not copied) as a contiguous tensor; for kernels that built a fresh array. */
    static Tensor wrap(float[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return new Tensor(data, null, Shapes.checkedShape(data.length, shape), Shapes.contiguousStrides(shape), 0);
    }

    /** Wraps {@code data} (not copied) as a contiguous INT64 tensor. */
    static Tensor wrapLongs(long[] data, int... shape) {
        if (data == null) throw new IllegalArgumentException("data must not be null");
        return new Tensor(null, data, Shapes.checkedShape(data.length, shape), Shapes.contiguousStrides(shape), 0);
    }

    /** A view of this tensor's storage with another layout (not recorded), like {@code as_strided}. */
    Tensor asStrided(int[] newShape, int[] newStrides, int newOffset) {
        return new Tensor(data, longs, newShape, newStrides, newOffset);
    }

    /** A tensor holding a copy of {@code data} with the given shape. */
    public static Tensor of(float[] data, int... shape) {
        return CreationOps.of(data, shape);
    }

    /** An INT64 tensor holding a copy of {@code data}, like {@code torch.tensor(data, dtype=torch.long)}. */
    public static Tensor ofLongs(long[] data, int... shape) {
        return CreationOps.ofLongs(data, shape);
    }

    /** A 0-dimensional tensor holding {@code value}. */
    public static Tensor scalar(float value) {
        return wrap(new float[] {value});
    }

    public static Tensor zeros(int... shape) {
        return CreationOps.zeros(shape);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        return CreationOps.full(value, shape);
    }

    /** Standard normal samples from the default generator ({@link #manualSeed}). */
    public static Tensor randn(int... shape) {
        return CreationOps.randn(Generator.defaultGenerator(), shape);
    }

    /** Standard normal samples from {@code generator}, like {@code torch.randn(..., generator=g)}. */
    public static Tensor randn(Generator generator, int... shape) {
        return CreationOps.randn(generator, shape);
    }

    /** Uniform samples in [0, 1) from the default generator. */
    public static Tensor rand(int... shape) {
        return CreationOps.rand(Generator.defaultGenerator(), shape);
    }

    /** Uniform samples in [0, 1) from {@code generator}. */
    public static Tensor rand(Generator generator, int... shape) {
        return CreationOps.rand(generator, shape);
    }

    /** {@code steps} evenly spaced values from start to end inclusive, as numpy and torch compute them. */
    public static Tensor linspace(double start, double end, int steps) {
        return CreationOps.linspace(start, end, steps);
    }

    /** Reseeds the default generator, like {@code torch.manual_seed}. */
    public static void manualSeed(long seed) {
        Generator.defaultGenerator().manualSeed(seed);
    }

    public DType dtype() {
        return longs != null ? DType.INT64 : DType.FLOAT32;
    }

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
        return StridedLayout.isContiguous(shape, strides);
    }

    /** This tensor if contiguous, else a contiguous copy (differentiable). */
    public Tensor contiguous() {
        return CopyOps.contiguous(this);
    }

    /** A row-major copy of the elements of a FLOAT32 tensor. */
    public float[] toFloatArray() {
        return CopyOps.toFloatArray(this);
    }

    /** A row-major copy of the elements of an INT64 tensor. */
    public long[] toLongArray() {
        return DTypeOps.toLongArray(this);
    }

    /** This tensor as FLOAT32 (itself if it is), like {@code .float()}; not differentiable from INT64. */
    public Tensor toFloat() {
        return DTypeOps.toFloat(this);
    }

    /** This tensor as INT64 (itself if it is), values truncated toward zero like {@code .long()}. */
    public Tensor toLong() {
        return DTypeOps.toLong(this);
    }

    /** The value of a one-element FLOAT32 tensor. */
    public float item() {
        return CopyOps.item(this);
    }

    /** The element at the given indices (one per dimension) of a FLOAT32 tensor. */
    public float get(int... index) {
        return CopyOps.get(this, index);
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Sets the flag on a leaf tensor and returns it, like {@code requires_grad_()}. On a non-leaf
     * (which always requires grad) {@code true} is a no-op and {@code false} throws, as in PyTorch.
     */
    public Tensor requiresGrad(boolean flag) {
        return AutogradOps.requiresGrad(this, flag);
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The accumulated gradient, or null until a gradient flows. */
    public Tensor grad() {
        if (grad != null) grad.unseenPooledGrad = false; // the caller may keep it: never reuse its array
        return grad;
    }

    /** Replaces the gradient (null clears it, as {@code zero_grad(set_to_none=True)}). */
    public void setGrad(Tensor g) {
        AutogradOps.setGrad(this, g);
    }

    /** Backpropagates from this one-element tensor. */
    public void backward() {
        AutogradOps.backward(this);
    }

    /** Backpropagates {@code gradient} (shaped like this tensor). */
    public void backward(Tensor gradient) {
        AutogradOps.backward(this, gradient);
    }

    /** A tensor sharing storage but cut from the graph. */
    public Tensor detach() {
        return asStrided(shape, strides, offset);
    }

    /** Fills in place (not recorded by autograd) and returns this. */
    public Tensor fill(float value) {
        return CopyOps.fill(this, value);
    }

    /** Copies {@code src} (same shape) into this tensor in place; not recorded by autograd. */
    public Tensor copyFrom(Tensor src) {
        return CopyOps.copyFrom(this, src);
    }

    /** A differentiable copy with its own storage. */
    public Tensor copy() {
        return CopyOps.copy(this);
    }

    public Tensor add(Tensor other) { return PointwiseOps.add(this, other); }
    public Tensor sub(Tensor other) { return PointwiseOps.sub(this, other); }
    public Tensor mul(Tensor other) { return PointwiseOps.mul(this, other); }
    public Tensor div(Tensor other) { return PointwiseOps.div(this, other); }
    public Tensor add(float s) { return PointwiseOps.add(this, s); }
    public Tensor sub(float s) { return add(-s); }
    public Tensor mul(float s) { return PointwiseOps.mul(this, s); }
    public Tensor div(float s) { return PointwiseOps.div(this, s); }
    public Tensor neg() { return PointwiseOps.neg(this); }
    public Tensor exp() { return PointwiseOps.exp(this); }
    public Tensor log() { return PointwiseOps.log(this); }
    public Tensor sqrt() { return PointwiseOps.sqrt(this); }

    /** Element-wise square, {@code x * x}. */
    public Tensor square() { return PointwiseOps.square(this); }

    public Tensor abs() { return PointwiseOps.abs(this); }
    public Tensor tanh() { return PointwiseOps.tanh(this); }
    public Tensor sigmoid() { return PointwiseOps.sigmoid(this); }
    public Tensor relu() { return PointwiseOps.relu(this); }

    /** Sum of all elements, as a 0-dimensional tensor. */
    public Tensor sum() {
        return ReductionOps.sum(this);
    }

    /** Mean of all elements, as a 0-dimensional tensor. */
    public Tensor mean() {
        return ReductionOps.mean(this);
    }

    /** Sum over dimension {@code d}, keeping it as size 1 if {@code keepDim}. */
    public Tensor sum(int d, boolean keepDim) {
        return ReductionOps.sum(this, d, keepDim);
    }

    /** Mean over dimension {@code d}, keeping it as size 1 if {@code keepDim} ({@link DimReductionOps}). */
    public Tensor mean(int d, boolean keepDim) { return DimReductionOps.mean(this, d, keepDim); }

    /** Largest value along {@code d}; the gradient is split evenly among ties, NaN wins ({@link DimReductionOps}). */
    public Tensor amax(int d, boolean keepDim) { return DimReductionOps.amax(this, d, keepDim); }

    /** INT64 index of the first largest value along {@code d} (NaN counts as largest), not differentiable. */
    public Tensor argmax(int d, boolean keepDim) { return DimReductionOps.argmax(this, d, keepDim); }

    /** softmax along {@code d}: e^(x - max) normalised ({@link SoftmaxOps}). */
    public Tensor softmax(int d) { return SoftmaxOps.softmax(this, d); }

    /** log(softmax(x)) along {@code d}, computed stably as x - logsumexp(x) ({@link SoftmaxOps}). */
    public Tensor logSoftmax(int d) { return SoftmaxOps.logSoftmax(this, d); }

    /** log Σ e^x along {@code d}, shifted by the max for stability ({@link SoftmaxOps}). */
    public Tensor logsumexp(int d, boolean keepDim) { return SoftmaxOps.logsumexp(this, d, keepDim); }

    /** Elements picked along {@code d} by an INT64 index shaped like the output ({@link IndexOps}). */
    public Tensor gather(int d, Tensor index) { return IndexOps.gather(this, d, index); }

    /** Slices along {@code d} picked by a 1-D INT64 index ({@link IndexOps}). */
    public Tensor indexSelect(int d, Tensor index) { return IndexOps.indexSelect(this, d, index); }

    /** Each element limited to [min, max]; the gradient passes where min <= x <= max ({@link ScalarOps}). */
    public Tensor clamp(double min, double max) { return ScalarOps.clamp(this, min, max); }

    /** Each element to the power {@code exponent}, with PyTorch's gradient at 0 ({@link ScalarOps}). */
    public Tensor pow(double exponent) { return ScalarOps.pow(this, exponent); }

    /** Sums this (broadcast) gradient down to {@code target}, the shape it was broadcast from. */
    public Tensor sumTo(int[] target) {
        return ReductionOps.sumTo(this, target);
    }

    /** Broadcasts this tensor to {@code target} as a contiguous copy. */
    public Tensor expandTo(int[] target) {
        return ReductionOps.expandTo(this, target);
    }

    /**
     * Matrix product with {@code torch.matmul}'s rules for 1-D and 2-D operands, and for an N-D
     * left operand times a 2-D right operand (the leading dimensions are batch).
     */
    public Tensor matmul(Tensor other) {
        return MatrixProduct.matmul(this, other);
    }

    /** Same elements, new shape; one dimension may be -1. A view when contiguous. */
    public Tensor reshape(int... newShape) {
        return ViewOps.reshape(this, newShape);
    }

    /** Alias of {@link #reshape}. */
    public Tensor view(int... newShape) {
        return reshape(newShape);
    }

    /** Swaps two dimensions (a view). */
    public Tensor transpose(int d0, int d1) {
        return ViewOps.transpose(this, d0, d1);
    }

    /** Inserts a dimension of size 1 at {@code d} (a view). */
    public Tensor unsqueeze(int d) {
        return ViewOps.unsqueeze(this, d);
    }

    /** Removes dimension {@code d} if its size is 1 (a view); otherwise returns this. */
    public Tensor squeeze(int d) {
        return ViewOps.squeeze(this, d);
    }

    /** The slice at {@code index} along {@code d}, removing that dimension (a view). */
    public Tensor select(int d, int index) {
        return ViewOps.select(this, d, index);
    }

    /** Elements {@code start .. start+length-1} along {@code d} (a view); a negative start counts from the end. */
    public Tensor narrow(int d, int start, int length) {
        return ViewOps.narrow(this, d, start, length);
    }

    /** Concatenates tensors along {@code d}; all other sizes must match. */
    public static Tensor cat(List<Tensor> tensors, int d) {
        return JoinOps.cat(tensors, d);
    }

    /** Stacks equally shaped tensors along a new dimension {@code d}. */
    public static Tensor stack(List<Tensor> tensors, int d) {
        return JoinOps.stack(tensors, d);
    }

    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
