package org.rnn4j.tensor;

/**
 * Walks a strided view (shape, strides, offset) in row-major order: the one odometer behind
 * strided copies, fills, broadcasting and gradient reduction. Contiguous tensors take their own
 * fast paths and never come here.
 */
final class StridedLayout {
    private StridedLayout() {}

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

    /** dst[i] = src[positions[i]]: a strided view gathered into a row-major array. */
    static void gather(float[] src, int[] positions, float[] dst) {
        for (int i = 0; i < positions.length; i++) dst[i] = src[positions[i]];
    }
}
