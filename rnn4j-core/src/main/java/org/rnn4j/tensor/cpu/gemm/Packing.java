package org.rnn4j.tensor.cpu.gemm;

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
     * @param kernel the kernel the panels are for: its mr, and its copy of transposed panels
     * @param a   A storage: m×k with row stride lda (transA false) or k×m (transA true)
     * @param dst packed panels, panel q at {@code dstOff + q * kc * mr}
     */
    static void packA(MicroKernel kernel, boolean transA, float[] a, int aOff, int lda,
                      int i0, int mc, int p0, int kc, float[] dst, int dstOff) {
        int mr = kernel.mr();
        int full = mc / mr * mr;
        if (transA) {
            kernel.packTransposedA(a, aOff + p0 * lda + i0, lda, full, kc, dst, dstOff);
        } else {
            for (int q = 0, d = dstOff; q < full; q += mr, d += kc * mr) {
                int src = aOff + (i0 + q) * lda + p0;
                if (mr == 6) {
                    pack6Rows(a, src, lda, kc, dst, d);
                } else if (mr == 8) {
                    pack8Rows(a, src, lda, kc, dst, d);
                } else {
                    for (int r = 0; r < mr; r++) {
                        for (int p = 0; p < kc; p++) dst[d + p * mr + r] = a[src + r * lda + p];
                    }
                }
            }
        }
        if (full < mc) { // last, partial panel: zero-padded
            int rows = mc - full;
            int d = dstOff + full / mr * kc * mr;
            Arrays.fill(dst, d, d + kc * mr, 0f);
            if (transA) {
                int src = aOff + p0 * lda + i0 + full;
                for (int p = 0; p < kc; p++, src += lda) {
                    for (int r = 0; r < rows; r++) dst[d + p * mr + r] = a[src + r];
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + full + r) * lda + p0;
                    for (int p = 0; p < kc; p++) dst[d + p * mr + r] = a[src + p];
                }
            }
        }
    }

    /**
     * Steps of p packed for every panel before the next steps: the block's storage rows (lda
     * apart, often a multiple of 1 KiB) are read while still in L1. Panel by panel (the order
     * measured faster on the AMD Zen 5 machine of wave 1), each 24-byte read of a 6-row panel
     * went to L2 again on this Xeon, whose stride prefetcher does not follow 4 KiB strides:
     * [4096, 1024]^T took 8-10 ms of a 19 ms TN product (a layer's weight gradient).
     */
    static final int STEPS_PER_BLOCK = 32;

    /**
     * Full panels of op(A) = storage columns, in blocks of {@link #STEPS_PER_BLOCK} steps; mr
     * floats of storage row p go to panel q's step p ({@link MicroKernel#packTransposedA}).
     *
     * @param src storage element (p0, i0)
     * @param full rows of op(A) to pack, a multiple of mr
     */
    static void packTransposedA(float[] a, int src, int lda, int full, int kc, int mr,
                                float[] dst, int dstOff) {
        for (int p0 = 0; p0 < kc; p0 += STEPS_PER_BLOCK) {
            int steps = Math.min(STEPS_PER_BLOCK, kc - p0);
            for (int q = 0, d0 = dstOff + p0 * mr; q < full; q += mr, d0 += kc * mr) {
                int s = src + p0 * lda + q;
                for (int p = 0, d = d0; p < steps; p++, s += lda, d += mr) {
                    for (int r = 0; r < mr; r++) dst[d + r] = a[s + r];
                }
            }
        }
    }

    /** One full 6-row panel of op(A) = A: six source rows read side by side, dst written in order. */
    private static void pack6Rows(float[] a, int src, int lda, int kc, float[] dst, int d) {
        int r0 = src, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda;
        for (int p = 0; p < kc; p++, d += 6) {
            dst[d] = a[r0 + p];
            dst[d + 1] = a[r1 + p];
            dst[d + 2] = a[r2 + p];
            dst[d + 3] = a[r3 + p];
            dst[d + 4] = a[r4 + p];
            dst[d + 5] = a[r5 + p];
        }
    }

    /** One full 8-row panel of op(A) = A, as {@link #pack6Rows} (a scan's h[s] for {@link VectorKernel8}). */
    private static void pack8Rows(float[] a, int src, int lda, int kc, float[] dst, int d) {
        int r0 = src, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda,
            r6 = r5 + lda, r7 = r6 + lda;
        for (int p = 0; p < kc; p++, d += 8) {
            dst[d] = a[r0 + p];
            dst[d + 1] = a[r1 + p];
            dst[d + 2] = a[r2 + p];
            dst[d + 3] = a[r3 + p];
            dst[d + 4] = a[r4 + p];
            dst[d + 5] = a[r5 + p];
            dst[d + 6] = a[r6 + p];
            dst[d + 7] = a[r7 + p];
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
