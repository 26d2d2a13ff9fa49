package org.rnn4j.tensor.cpu.gemm;

import java.util.Arrays;

/**
 * Plain-loop GEMM for shapes too small to repay packing or a thread handoff (the recurrent
 * step of a small RNN: [1,16]x[16,16], or an outer product [49,1]x[1,16]).
 *
 * <p>Each element of C is the same {@link Math#fma} chain over p = 0..k-1 as in the packed
 * kernels, so switching paths never changes a result. When B is not transposed the innermost
 * loop runs along a row of B and of C (both contiguous), vectorised by the kernel's
 * {@link MicroKernel#directRow} with the row of C held in registers. When B is
 * transposed it is first copied to [k, n] in a scratch buffer, except for a single row of C,
 * where the copy would cost as much as the product: then each element is a dot product along
 * a contiguous row of B, eight columns at a time to overlap their fma dependency chains.
 */
public final class DirectGemm {
    private DirectGemm() {}

    /** @param rows supplies the vectorised row update ({@link MicroKernel#directRow}) */
    public static void multiply(MicroKernel rows, boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOff, int lda,     // op(A): [m, k]
                         float[] b, int bOff, int ldb,     // op(B): [k, n]
                         float beta,
                         float[] c, int cOff, int ldc) {   // C: [m, n]
        // Element (i, p) of op(A) is at aOff + i*aRow + p*aCol.
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        if (n < NARROW && m >= 8) {
            rowChains(m, n, k, a, aOff, aRow, aCol, b, bOff, transB ? 1 : ldb, transB ? ldb : 1, beta, c, cOff, ldc);
        } else if (transB && m == 1) {
            dotProducts(m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (transB) {
            // Several rows share op(B): transposing it once (k·n copies, next to m·k·n
            // multiply-adds) lets every row use the vectorised row kernel.
            PackBuffers ws = PackBuffers.get();
            float[] bt = ws.b(k * n);
            Packing.transposeRows(b, bOff, ldb, n, k, bt, 0, n);
            rowUpdates(rows, m, n, k, a, aOff, aRow, aCol, bt, 0, n, beta, c, cOff, ldc);
            ws.giveBack(bt);
        } else {
            rowUpdates(rows, m, n, k, a, aOff, aRow, aCol, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * Fewer columns of C than this go to {@link #rowChains}: the row kernel would run one
     * latency-bound fma chain per element (a Linear(H, 1) head: [T*B, H] x [H, 1]).
     */
    static final int NARROW = 8;

    /**
     * C [m, n] for few columns: for each column, eight rows' fma chains side by side.
     * Element (p, j) of op(B) is at bOff + p*bRow + j*bCol.
     */
    private static void rowChains(int m, int n, int k,
                                  float[] a, int aOff, int aRow, int aCol,   // op(A): [m, k]
                                  float[] b, int bOff, int bRow, int bCol,   // op(B): [k, n]
                                  float beta,
                                  float[] c, int cOff, int ldc) {           // C: [m, n]
        for (int j = 0; j < n; j++) {
            int bj = bOff + j * bCol;
            int i = 0;
            for (; i + 8 <= m; i += 8) {
                int a0 = aOff + i * aRow;
                int c0 = cOff + i * ldc + j;
                float t0 = start(beta, c[c0]), t1 = start(beta, c[c0 + ldc]);
                float t2 = start(beta, c[c0 + 2 * ldc]), t3 = start(beta, c[c0 + 3 * ldc]);
                float t4 = start(beta, c[c0 + 4 * ldc]), t5 = start(beta, c[c0 + 5 * ldc]);
                float t6 = start(beta, c[c0 + 6 * ldc]), t7 = start(beta, c[c0 + 7 * ldc]);
                for (int p = 0, ap = a0, bp = bj; p < k; p++, ap += aCol, bp += bRow) {
                    float bpj = b[bp];
                    t0 = Math.fma(a[ap], bpj, t0);
                    t1 = Math.fma(a[ap + aRow], bpj, t1);
                    t2 = Math.fma(a[ap + 2 * aRow], bpj, t2);
                    t3 = Math.fma(a[ap + 3 * aRow], bpj, t3);
                    t4 = Math.fma(a[ap + 4 * aRow], bpj, t4);
                    t5 = Math.fma(a[ap + 5 * aRow], bpj, t5);
                    t6 = Math.fma(a[ap + 6 * aRow], bpj, t6);
                    t7 = Math.fma(a[ap + 7 * aRow], bpj, t7);
                }
                c[c0] = t0; c[c0 + ldc] = t1; c[c0 + 2 * ldc] = t2; c[c0 + 3 * ldc] = t3;
                c[c0 + 4 * ldc] = t4; c[c0 + 5 * ldc] = t5; c[c0 + 6 * ldc] = t6; c[c0 + 7 * ldc] = t7;
            }
            for (; i < m; i++) {
                int ci = cOff + i * ldc + j;
                float t = start(beta, c[ci]);
                for (int p = 0, ap = aOff + i * aRow, bp = bj; p < k; p++, ap += aCol, bp += bRow) {
                    t = Math.fma(a[ap], b[bp], t);
                }
                c[ci] = t;
            }
        }
    }

    /** op(B) = B stored k×n: C[i,:] = fma(A[i,p], B[p,:], C[i,:]) for p in order. */
    private static void rowUpdates(MicroKernel rows, int m, int n, int k,
                                   float[] a, int aOff, int aRow, int aCol, // op(A): [m, k]
                                   float[] b, int bOff, int ldb,            // B: [k, n]
                                   float beta,
                                   float[] c, int cOff, int ldc) {          // C: [m, n]
        for (int i = 0; i < m; i++) {
            rows.directRow(n, k, a, aOff + i * aRow, aCol, b, bOff, ldb, beta, c, cOff + i * ldc);
        }
    }

    /** op(B) = Bᵀ with B stored n×k: C[i,j] = dot(op(A)[i,:], B[j,:]), eight j at a time. */
    private static void dotProducts(int m, int n, int k,
                                    float[] a, int aOff, int aRow, int aCol, // op(A): [m, k]
                                    float[] b, int bOff, int ldb,            // B: [n, k]
                                    float beta,
                                    float[] c, int cOff, int ldc) {          // C: [m, n]
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            int aStart = aOff + i * aRow;
            int j = 0;
            for (; j + 8 <= n; j += 8) {
                dot8(k, a, aStart, aCol, b, bOff + j * ldb, ldb, beta, c, cRow + j);
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

    /**
     * C[i, j:j+8] as eight fma chains run side by side: one chain is bound by the fma latency
     * (4 cycles), eight keep both fma pipes busy.
     */
    private static void dot8(int k, float[] a, int aIdx, int aCol,   // op(A)[i, 0:k]
                             float[] b, int bOff, int ldb,           // B[j:j+8, 0:k]
                             float beta, float[] c, int cIdx) {      // C[i, j:j+8]
        int b0 = bOff, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        int b4 = b3 + ldb, b5 = b4 + ldb, b6 = b5 + ldb, b7 = b6 + ldb;
        float t0 = start(beta, c[cIdx]), t1 = start(beta, c[cIdx + 1]);
        float t2 = start(beta, c[cIdx + 2]), t3 = start(beta, c[cIdx + 3]);
        float t4 = start(beta, c[cIdx + 4]), t5 = start(beta, c[cIdx + 5]);
        float t6 = start(beta, c[cIdx + 6]), t7 = start(beta, c[cIdx + 7]);
        for (int p = 0; p < k; p++, aIdx += aCol) {
            float aip = a[aIdx];
            t0 = Math.fma(aip, b[b0 + p], t0);
            t1 = Math.fma(aip, b[b1 + p], t1);
            t2 = Math.fma(aip, b[b2 + p], t2);
            t3 = Math.fma(aip, b[b3 + p], t3);
            t4 = Math.fma(aip, b[b4 + p], t4);
            t5 = Math.fma(aip, b[b5 + p], t5);
            t6 = Math.fma(aip, b[b6 + p], t6);
            t7 = Math.fma(aip, b[b7 + p], t7);
        }
        c[cIdx] = t0; c[cIdx + 1] = t1; c[cIdx + 2] = t2; c[cIdx + 3] = t3;
        c[cIdx + 4] = t4; c[cIdx + 5] = t5; c[cIdx + 6] = t6; c[cIdx + 7] = t7;
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
