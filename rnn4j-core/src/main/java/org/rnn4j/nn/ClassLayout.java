package org.rnn4j.nn;

import java.util.Arrays;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * The layout of a classification loss's input, PyTorch's: {@code [C]} (one row), {@code [N, C]}
 * or {@code [N, C, d1, ...]} with the classes along dimension 1. A "row" is one position of the
 * target, {@code [N, d1, ...]} of them; class {@code c} of row {@code r} lies at
 * {@code base(r) + c * inner} in the row-major input, {@code inner = d1 * d2 * ...}.
 *
 * @param rows     number of targets, N · d1 · d2 ... (1 for [C])
 * @param classes  C
 * @param inner    stride between classes of one row
 * @param rowShape the shape of class-index targets and of unreduced losses
 */
record ClassLayout(int rows, int classes, int inner, int[] rowShape) {

    static ClassLayout of(String loss, Tensor input) {
        int[] s = input.shape();
        if (s.length == 0) {
            throw new IllegalArgumentException(loss + ": Expected 1 or more dimensions (got 0): input must be [C], "
                    + "[N, C] or [N, C, d1, ...], got shape []");
        }
        if (s.length == 1) return new ClassLayout(1, s[0], 1, new int[0]);
        int inner = 1;
        int[] rowShape = new int[s.length - 1];
        rowShape[0] = s[0];
        for (int i = 2; i < s.length; i++) {
            inner *= s[i];
            rowShape[i - 1] = s[i];
        }
        return new ClassLayout(s[0] * inner, s[1], inner, rowShape);
    }

    /** Position of class 0 of row r in the row-major input. */
    int base(int r) {
        return inner == 1 ? r * classes : (r / inner) * classes * inner + r % inner;
    }

    /**
     * The class indices of an INT64 target shaped {@link #rowShape}, each in [0, C) unless it is
     * {@code ignoreIndex}; otherwise IllegalArgumentException in PyTorch's words.
     */
    long[] targets(String loss, Tensor target, long ignoreIndex) {
        int[] ts = target.shape();
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException(loss + ": expected scalar type Long but found Float: class-index"
                    + " targets are INT64 of shape " + Arrays.toString(rowShape) + ", got " + target.dtype()
                    + " of shape " + Arrays.toString(ts));
        }
        if (!Arrays.equals(ts, rowShape)) {
            if (rowShape.length > 0 && (ts.length == 0 || ts[0] != rowShape[0])) {
                throw new IllegalArgumentException(loss + ": Expected input batch_size (" + rowShape[0]
                        + ") to match target batch_size (" + (ts.length == 0 ? 0 : ts[0]) + "). Target shape "
                        + Arrays.toString(ts) + ", expected " + Arrays.toString(rowShape));
            }
            throw new IllegalArgumentException(loss + ": Expected target size " + Arrays.toString(rowShape)
                    + ", got " + Arrays.toString(ts));
        }
        long[] t = target.toLongArray();
        for (long v : t) {
            if (v != ignoreIndex && (v < 0 || v >= classes)) {
                throw new IllegalArgumentException(loss + ": Target " + v + " is out of bounds. Expected a class index"
                        + " in [0, " + classes + ") or the ignore_index " + ignoreIndex);
            }
        }
        return t;
    }

    /** The class weights as an array of C floats (null for none), checked as PyTorch does. */
    float[] weights(String loss, Tensor weight) {
        if (weight == null) return null;
        if (weight.dtype() != DType.FLOAT32 || weight.dim() != 1 || weight.numel() != classes) {
            throw new IllegalArgumentException(loss + ": weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight tensor of shape: " + Arrays.toString(weight.shape())
                    + " and dtype " + weight.dtype());
        }
        return weight.toFloatArray();
    }
}
