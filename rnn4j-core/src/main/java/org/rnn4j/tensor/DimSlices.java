package org.rnn4j.tensor;

/**
 * A row-major tensor seen as {@code [outer, size, inner]} around one dimension: the ops that work
 * along a dimension (softmax, reductions, gather, index_select) walk it as {@code outer * inner}
 * lanes of {@code size} elements each. Element {@code k} of lane {@code l} is at
 * {@code base(l) + k * inner}, with {@code base(l) = (l / inner) * size * inner + l % inner}.
 *
 * <p>A 0-dim tensor is one lane of one element, as PyTorch treats it (dim must be 0 or -1).
 *
 * @param dim   the dimension, normalised (0 for a 0-dim tensor)
 * @param outer product of the sizes before dim
 * @param size  size of dim
 * @param inner product of the sizes after dim (the stride of dim in a contiguous tensor)
 * @param shape the tensor's shape
 */
record DimSlices(int dim, int outer, int size, int inner, int[] shape) {

    /** The slices of {@code t} along {@code d} (negative counts from the end; IndexOutOfBounds as PyTorch). */
    static DimSlices of(Tensor t, int d) {
        return of(t.shape, d);
    }

    static DimSlices of(int[] shape, int d) {
        int at = Shapes.dim(d, shape.length);
        if (shape.length == 0) return new DimSlices(0, 1, 1, 1, shape);
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < at; i++) outer *= shape[i];
        for (int i = at + 1; i < shape.length; i++) inner *= shape[i];
        return new DimSlices(at, outer, shape[at], inner, shape);
    }

    /** Number of lanes, {@code outer * inner}. */
    int lanes() {
        return outer * inner;
    }

    /** Position of element 0 of lane {@code l} in the row-major tensor. */
    int base(int l) {
        return inner == 1 ? l * size : (l / inner) * size * inner + l % inner;
    }

    /** The shape after reducing dim: size 1 there if keepDim, else removed (a 0-dim tensor stays 0-dim). */
    int[] reduced(boolean keepDim) {
        if (shape.length == 0) return new int[0];
        if (keepDim) {
            int[] out = shape.clone();
            out[dim] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != dim) out[j++] = shape[i];
        return out;
    }

    /** The shape with dim resized to {@code n} (a 0-dim tensor stays 0-dim). */
    int[] resized(int n) {
        if (shape.length == 0) return new int[0];
        int[] out = shape.clone();
        out[dim] = n;
        return out;
    }
}
