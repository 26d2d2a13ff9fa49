package org.rnn4j.tensor;

import java.util.Arrays;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.internal.autograd.GradArena;
import org.rnn4j.tensor.cpu.gemm.Gemm;

/**
 * The 2-D matrix product behind {@link Tensor#matmul}, and its backward, on GEMM. A view is
 * handed to GEMM as it lies when it is row-major or column-major (a transposed view is a
 * column-major matrix: read it with the transpose flag flipped); anything else is copied first.
 */
final class MatrixProduct {
    private MatrixProduct() {}

    /**
     * {@code torch.matmul}'s rules for 1-D and 2-D operands, and for an N-D left operand times a
     * 2-D right operand (the leading dimensions are batch).
     */
    static Tensor matmul(Tensor a, Tensor b) {
        PointwiseOps.requireOperand(b, "matmul");
        DTypeOps.requireFloat("matmul", a, b);
        int da = a.dim();
        int db = b.dim();
        if (da == 0 || db == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are "
                    + da + "D and " + db + "D");
        }
        if (da == 1 && db == 1) {
            if (a.shape[0] != b.shape[0]) {
                throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.shape[0]
                        + "] and src [" + b.shape[0] + "] to have the same number of elements");
            }
            return a.mul(b).sum();
        }
        if (db == 1) {
            return a.matmul(b.unsqueeze(1)).squeeze(-1);
        }
        if (db > 2) {
            throw new IllegalArgumentException("matmul with a " + db
                    + "-D right operand is not supported; expected 1-D or 2-D, got shape "
                    + Arrays.toString(b.shape));
        }
        if (da == 1) {
            return a.unsqueeze(0).matmul(b).squeeze(0);
        }
        int k = a.shape[da - 1];
        if (da == 2) return mm(a, b);
        if (da == 3 && !a.isContiguous() && a.transpose(0, 1).isContiguous()) {
            // A batch-first view of time-major rows (a batch_first RNN's output): multiply the rows
            // where they lie and hand back the same view of the product, instead of copying A into
            // batch-first order (and, in backward, its gradient back into time-major order). Each
            // row's product is the same; the weight gradient sums the rows in time-major order.
            Tensor rows = a.transpose(0, 1);
            int[] rowShape = {rows.shape[0], rows.shape[1], b.shape[1]};
            return mm(rows.reshape(-1, k), b).reshape(rowShape).transpose(0, 1);
        }
        int[] outShape = a.shape.clone();
        outShape[da - 1] = b.shape[1];
        return mm(a.reshape(-1, k), b).reshape(outShape);
    }

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
            a.requiresGrad() ? Tensor.wrap(gradProduct(g, false, b, true), m, k) : null,   // g · b^T
            b.requiresGrad() ? Tensor.wrap(gradProduct(a, true, g, false), k, n) : null},  // a^T · g
            a, b);
    }

    /** op(a) · op(b) as a new row-major array. */
    private static float[] product(Tensor a, boolean ta, Tensor b, boolean tb) {
        return product(a, ta, b, tb, new float[a.size(ta ? 1 : 0) * b.size(tb ? 0 : 1)]);
    }

    /** op(a) · op(b) for a backward rule: into an array of the pass's {@link GradArena}. */
    private static float[] gradProduct(Tensor a, boolean ta, Tensor b, boolean tb) {
        return product(a, ta, b, tb, GradArena.take(a.size(ta ? 1 : 0) * b.size(tb ? 0 : 1)));
    }

    /** op(a) · op(b) into out (every element written: beta 0). */
    private static float[] product(Tensor a, boolean ta, Tensor b, boolean tb, float[] out) {
        int m = a.size(ta ? 1 : 0);
        int k = a.size(ta ? 0 : 1);
        int n = b.size(tb ? 0 : 1);
        Operand x = Operand.of(a, ta);
        Operand y = Operand.of(b, tb);
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
