package org.rnn4j.tensor.cpu;

import java.util.Arrays;

/**
 * Plain-loop GEMM for shapes too small to repay packing or a thread handoff (the recurrent
 * step of a small RNN: [1,16]x[16,16], or an outer product [49,1]x[1,16]).
 *
 * <p>Each element of C is the same {@link Math#fma} chain over p = 0..k-1 as in the packed
 * kernels, so switching paths never changes a result. When B is not transposed the innermost
 * loop runs along a row of B and of C (both contiguous), vectorised by the kernel's
 * {@link MicroKernel#axpy}. When B is
 * transposed, a row of op(B)ᵀ is contiguous instead, so each element is a dot product; four
 * columns are computed together to overlap the four fma dependency chains.
 */
final class DirectGemm {
    private DirectGemm() {}

    /** @param rows supplies the vectorised row update ({@link MicroKernel#axpy}) */
    static void multiply(MicroKernel rows, boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOff, int lda,     // op(A): [m, k]
                         float[] b, int bOff, int ldb,     // op(B): [k, n]
                         float beta,
                         float[] c, int cOff, int ldc) {   // C: [m, n]
        // Element (i, p) of op(A) is at aOff + i*aRow + p*aCol.
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        if (transB) {
            dotProducts(m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            rowUpdates(rows, m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** op(B) = B stored k×n: C[i,:] = fma(A[i,p], B[p,:], C[i,:]) for p in order. */
    private static void rowUpdates(MicroKernel rows, int m, int n, int k,
                                   float[] a, int aOff, int aRow, int aCol, // op(A): [m, k]
                                   float[] b, int bOff, int ldb,            // B: [k, n]
                                   float beta,
                                   float[] c, int cOff, int ldc) {          // C: [m, n]
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            scaleRow(beta, c, cRow, n);
            int aIdx = aOff + i * aRow;
            for (int p = 0; p < k; p++, aIdx += aCol) {
                rows.axpy(n, a[aIdx], b, bOff + p * ldb, c, cRow);
            }
        }
    }

    /** op(B) = Bᵀ with B stored n×k: C[i,j] = dot(op(A)[i,:], B[j,:]), four j at a time. */
    private static void dotProducts(int m, int n, int k,
                                    float[] a, int aOff, int aRow, int aCol, // op(A): [m, k]
                                    float[] b, int bOff, int ldb,            // B: [n, k]
                                    float beta,
                                    float[] c, int cOff, int ldc) {          // C: [m, n]
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            int aStart = aOff + i * aRow;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int b0 = bOff + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                float t0 = start(beta, c[cRow + j]);
                float t1 = start(beta, c[cRow + j + 1]);
                float t2 = start(beta, c[cRow + j + 2]);
                float t3 = start(beta, c[cRow + j + 3]);
                int aIdx = aStart;
                for (int p = 0; p < k; p++, aIdx += aCol) {
                    float aip = a[aIdx];
                    t0 = Math.fma(aip, b[b0 + p], t0);
                    t1 = Math.fma(aip, b[b1 + p], t1);
                    t2 = Math.fma(aip, b[b2 + p], t2);
                    t3 = Math.fma(aip, b[b3 + p], t3);
                }
                c[cRow + j] = t0;
                c[cRow + j + 1] = t1;
                c[cRow + j + 2] = t2;
                c[cRow + j + 3] = t3;
            }
            for (; j < n; j++) {
                int bj = bOff + j * ldb;
                float t = start(beta, c[cRow + j]);
                int aIdx = aStart;
                for (int p = 0; p < k; p++, aIdx += aCol) t = Math.fma(a[aIdx], b[bj + p], t);
                c[cRow + j] = t;
            }
        }
    }

    /** Start of an element's fma chain: 0 when beta is 0 (old C ignored, NaN included). */
    private static float start(float beta, float cOld) {
        return beta == 0f ? 0f : beta * cOld;
    }

    /** C[row, 0:n] = start(beta, C[row, 0:n]). */
    static void scaleRow(float beta, float[] c, int cRow, int n) {
        if (beta == 0f) {
            Arrays.fill(c, cRow, cRow + n, 0f);
        } else if (beta != 1f) {
            for (int j = 0; j < n; j++) c[cRow + j] *= beta;
        }
    }
}
