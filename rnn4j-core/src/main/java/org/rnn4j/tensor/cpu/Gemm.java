package org.rnn4j.tensor.cpu;

/**
 * Single-precision general matrix multiply on row-major arrays, BLAS style:
 * {@code C = op(A) · op(B) + beta · C}, where {@code op(A)} is m×k and {@code op(B)} is k×n.
 *
 * <p>Placeholder implementation (plain loops); the fast path replaces the body, not the signature.
 */
public final class Gemm {
    private Gemm() {}

    /**
     * @param transA false: A is stored m×k (row stride lda ≥ k); true: A is stored k×m (lda ≥ m)
     * @param transB false: B is stored k×n (ldb ≥ n); true: B is stored n×k (ldb ≥ k)
     * @param a      A storage, first element at aOff
     * @param b      B storage, first element at bOff
     * @param beta   0 overwrites C (C is not read), 1 accumulates into C
     * @param c      C storage [m, n] with row stride ldc ≥ n, first element at cOff
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, cRow, cRow + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) c[cRow + j] *= beta;
            }
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (aip == 0f) continue;
                if (!transB) {
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
                } else {
                    for (int j = 0; j < n; j++) c[cRow + j] += aip * b[bOff + j * ldb + p];
                }
            }
        }
    }
}
