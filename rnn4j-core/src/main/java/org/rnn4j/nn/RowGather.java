package org.rnn4j.nn;

import java.util.Arrays;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * The one copy that packing, padding and the sorting of states need: output row i is source row
 * {@code index[i]} (or {@code fill} where the index is negative), the source's elements read as
 * rows of {@code width} values. Differentiable: source row {@code index[i]} receives output row i's
 * gradient (the indices in use never repeat). INT64 sources (packed labels) are copied without autograd.
 */
final class RowGather {
    private RowGather() {}

    /**
     * @param src      any shape whose element count is a multiple of width
     * @param index    [rows of the output]: a source row, or -1 for a row of fill values
     * @param outShape the output's shape (index.length * width elements)
     */
    static Tensor gather(Tensor src, int width, int[] index, float fill, int[] outShape, String name) {
        if (src.dtype() == DType.INT64) {
            long[] s = src.toLongArray();
            long[] out = new long[index.length * width];
            for (int i = 0; i < index.length; i++) {
                if (index[i] < 0) Arrays.fill(out, i * width, (i + 1) * width, (long) fill);
                else System.arraycopy(s, index[i] * width, out, i * width, width);
            }
            return TensorAccess.wrapLongs(out, outShape);
        }
        float[] s = RecurrentLayerFunction.dense(src);
        float[] out = new float[index.length * width];
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0) Arrays.fill(out, i * width, (i + 1) * width, fill);
            else System.arraycopy(s, index[i] * width, out, i * width, width);
        }
        int[] srcShape = src.shape();
        int srcRows = width == 0 ? 0 : src.numel() / width;
        return TensorAccess.record(TensorAccess.wrap(out, outShape), name, g -> {
            float[] go = RecurrentLayerFunction.dense(g);
            float[] gs = new float[srcRows * width];
            for (int i = 0; i < index.length; i++) {
                if (index[i] < 0) continue;
                int to = index[i] * width, from = i * width;
                for (int k = 0; k < width; k++) gs[to + k] += go[from + k];
            }
            return new Tensor[] {TensorAccess.wrap(gs, srcShape)};
        }, src);
    }

    /** The product of the sizes after the first {@code lead} dimensions. */
    static int trailing(int[] shape, int lead) {
        int n = 1;
        for (int d = lead; d < shape.length; d++) n *= shape[d];
        return n;
    }

    /** shape with its first {@code lead} sizes replaced by {@code head}. */
    static int[] reshape(int[] head, int[] shape, int lead) {
        int[] out = Arrays.copyOf(head, head.length + shape.length - lead);
        System.arraycopy(shape, lead, out, head.length, shape.length - lead);
        return out;
    }
}
