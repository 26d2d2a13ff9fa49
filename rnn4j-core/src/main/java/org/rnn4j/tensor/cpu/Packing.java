package org.rnn4j.tensor.cpu;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the contiguous panel layout the micro-kernels stream
 * through: A as mr-row panels {@code [kc][mr]}, B as nr-column panels {@code [kc][nr]}.
 * Rows or columns past the matrix edge are zero-filled so the kernel always runs a full tile
 * (the padded results are computed into a scratch tile and discarded).
 */
final class Packing {
    private Packing() {}

    /**
     * Packs op(A)[i0 : i0+mc, p0 : p0+kc] as ceil(mc/mr) panels of {@code [kc][mr]}.
     *
     * @param a   A storage: m×k with row stride lda (transA false) or k×m (transA true)
     * @param dst packed panels, panel q at {@code dstOff + q * kc * mr}
     */
    static void packA(boolean transA, float[] a, int aOff, int lda,
                      int i0, int mc, int p0, int kc, int mr, float[] dst, int dstOff) {
        for (int q = 0, d = dstOff; q < mc; q += mr, d += kc * mr) {
            int rows = Math.min(mr, mc - q);
            if (rows < mr) Arrays.fill(dst, d, d + kc * mr, 0f);
            if (transA) {
                // op(A) row i is column i of storage: each p gives mr contiguous floats.
                int src = aOff + p0 * lda + i0 + q;
                for (int p = 0; p < kc; p++, src += lda) {
                    System.arraycopy(a, src, dst, d + p * mr, rows);
                }
            } else {
                // Read each storage row contiguously, write with stride mr.
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + q + r) * lda + p0;
                    for (int p = 0; p < kc; p++) dst[d + p * mr + r] = a[src + p];
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 : p0+kc, j0 : j0+nc] as ceil(nc/nr) panels of {@code [kc][nr]}.
     *
     * @param b   B storage: k×n with row stride ldb (transB false) or n×k (transB true)
     * @param dst packed panels, panel q at {@code dstOff + q * kc * nr}
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb,
                      int p0, int kc, int j0, int nc, int nr, float[] dst, int dstOff) {
        for (int q = 0, d = dstOff; q < nc; q += nr, d += kc * nr) {
            int cols = Math.min(nr, nc - q);
            if (cols < nr) Arrays.fill(dst, d, d + kc * nr, 0f);
            if (transB) {
                transposeRows(b, bOff + (j0 + q) * ldb + p0, ldb, cols, kc, dst, d, nr);
            } else {
                int src = bOff + p0 * ldb + j0 + q;
                for (int p = 0; p < kc; p++, src += ldb) {
                    System.arraycopy(b, src, dst, d + p * nr, cols);
                }
            }
        }
    }

    /**
     * dst[d + p*nr + col] = src[s0 + col*ld + p] for col < cols, p < kc: a transposing copy
     * that walks four source rows side by side, so each p writes four adjacent floats instead
     * of one float per cache line touched.
     */
    static void transposeRows(float[] src, int s0, int ld, int cols, int kc,
                                      float[] dst, int d, int nr) {
        int col = 0;
        for (; col + 4 <= cols; col += 4) {
            int r0 = s0 + col * ld, r1 = r0 + ld, r2 = r1 + ld, r3 = r2 + ld;
            for (int p = 0, o = d + col; p < kc; p++, o += nr) {
                dst[o] = src[r0 + p];
                dst[o + 1] = src[r1 + p];
                dst[o + 2] = src[r2 + p];
                dst[o + 3] = src[r3 + p];
            }
        }
        for (; col < cols; col++) {
            int r = s0 + col * ld;
            for (int p = 0, o = d + col; p < kc; p++, o += nr) dst[o] = src[r + p];
        }
    }
}
