package org.rnn4j.tensor;

/**
 * Walks a strided view (shape, strides, offset) in row-major order: the one odometer behind
 * strided copies, fills, broadcasting and gradient reduction. Contiguous tensors take their own
 * fast paths and never come here.
 */
final class StridedLayout {
    private StridedLayout() {}

    /** True if the view is row-major without gaps (size-1 dimensions may have any stride). */
    static boolean isContiguous(int[] shape, int[] strides) {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /**
     * The storage position of every element of the view, in row-major order.
     *
     * @param shape   [r] sizes
     * @param strides [r] element strides (0 on a broadcast dimension)
     * @param offset  position of element 0
     */
    static int[] positions(int[] shape, int[] strides, int offset) {
        int n = Shapes.numel(shape);
        int[] out = new int[n];
        int[] idx = new int[shape.length];
        int p = offset;
        for (int i = 0; i < n; i++) {
            out[i] = p;
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d]++;
                p += strides[d];
                if (idx[d] < shape[d]) break;
                p -= strides[d] * shape[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    /**
     * The storage position of the element at {@code index} (one per dimension, negative counting
     * from the end), bounds-checked with PyTorch's message.
     */
    static int position(int[] shape, int[] strides, int offset, int... index) {
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

    /** A row of a walk: the row-major position of its first element, and where each operand's first element lies. */
    interface RowVisitor {
        void row(int out, int a, int b);
    }

    /**
     * Walks the elements of {@code shape} (rank at least 1) in row-major order a row (the last
     * dimension) at a time, following two operands' strides (0 on a broadcast dimension): an
     * odometer over the outer dimensions, so no positions array as large as the view is built.
     */
    static void forEachRow(int[] shape, int[] aStrides, int aOffset, int[] bStrides, int bOffset, RowVisitor visit) {
        int r = shape.length;
        int n = Shapes.numel(shape);
        int inner = shape[r - 1];
        int[] idx = new int[r - 1];
        int pa = aOffset;
        int pb = bOffset;
        for (int o = 0; o < n; o += inner) {
            visit.row(o, pa, pb);
            for (int d = r - 2; d >= 0; d--) {
                idx[d]++;
                pa += aStrides[d];
                pb += bStrides[d];
                if (idx[d] < shape[d]) break;
                pa -= aStrides[d] * shape[d];
                pb -= bStrides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    /** The view's elements in row-major order into dst [numel]: a copy per row where its stride is 1. */
    static void gather(float[] src, int[] shape, int[] strides, int offset, float[] dst) {
        if (shape.length == 0) {
            if (dst.length > 0) dst[0] = src[offset];
            return;
        }
        int inner = shape[shape.length - 1];
        int step = strides[shape.length - 1];
        forEachRow(shape, strides, offset, strides, offset, (o, p, unused) -> {
            if (step == 1) {
                System.arraycopy(src, p, dst, o, inner);
            } else {
                for (int j = 0, q = p; j < inner; j++, q += step) dst[o + j] = src[q];
            }
        });
    }

    /** dst[i] = src[positions[i]]: a strided view gathered into a row-major array. */
    static void gather(float[] src, int[] positions, float[] dst) {
        for (int i = 0; i < positions.length; i++) dst[i] = src[positions[i]];
    }
}
