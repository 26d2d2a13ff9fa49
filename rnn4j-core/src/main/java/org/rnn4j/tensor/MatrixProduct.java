package org.rnn4j.tensor;

import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.cpu.Gemm;

/**
 * The 2-D matrix product behind {@link Tensor#matmul}, and its backward, on GEMM. A view is
 * handed to GEMM as it lies when it is row-major or column-major (a transposed view is a
 * column-major matrix: read it with the transpose flag flipped); anything else is copied first.
 */
final class MatrixProduct {
    private MatrixProduct() {}

    /** a [m, k] · b [k, n], recorded for autograd. */
    static Tensor mm(Tensor a, Tensor b) {
        int m = a.size(0);
        int k = a.size(1);
        int n = b.size(1);
        if (b.size(0) != k) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + m + "x" + k
                    + " and " + b.size(0) + "x" + n + ")");
        }
        Tensor result = Tensor.wrap(product(a, false, b, false), m, n);
        return TensorAccess.record(result, "MmBackward0", g -> new Tensor[] {
            a.requiresGrad() ? Tensor.wrap(product(g, false, b, true), m, k) : null,   // g · b^T
            b.requiresGrad() ? Tensor.wrap(product(a, true, g, false), k, n) : null},  // a^T · g
            a, b);
    }

    /** op(a) · op(b) as a new row-major array. */
    private static float[] product(Tensor a, boolean ta, Tensor b, boolean tb) {
        int m = a.size(ta ? 1 : 0);
        int k = a.size(ta ? 0 : 1);
        int n = b.size(tb ? 0 : 1);
        Operand x = Operand.of(a, ta);
        Operand y = Operand.of(b, tb);
        float[] out = new float[m * n];
        Gemm.sgemm(x.transposed, y.transposed, m, n, k, x.data, x.offset, x.ld, y.data, y.offset, y.ld,
                0f, out, 0, n);
        return out;
    }

    /** A 2-D view as a GEMM operand: storage, first element, leading dimension, transpose flag. */
    private record Operand(float[] data, int offset, int ld, boolean transposed) {
        static Operand of(Tensor t, boolean transpose) {
            int rows = t.size(0);
            int cols = t.size(1);
            int[] st = t.strides();
            if (st[1] == 1 && st[0] >= cols) {            // row-major
                return new Operand(t.data, t.offset, Math.max(st[0], 1), transpose);
            }
            if (st[0] == 1 && st[1] >= rows) {            // column-major: the transpose of a row-major one
                return new Operand(t.data, t.offset, Math.max(st[1], 1), !transpose);
            }
            return new Operand(t.toFloatArray(), 0, Math.max(cols, 1), transpose);
        }
    }
}
