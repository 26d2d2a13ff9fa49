package org.rnn4j.tensor.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel: a 6 x (2 vectors) register tile, i.e. 6x32 floats with 512-bit
 * lanes. Twelve accumulators, two B loads and one A broadcast per step use 15 of the 32
 * vector registers, so C2 keeps the whole tile in registers, and 12 independent FMAs per step
 * hide the FMA latency.
 *
 * <p>Only loaded (reflectively, by {@link Gemm}) when module {@code jdk.incubator.vector} is
 * present, so the rest of the library runs without it.
 */
final class VectorKernel implements MicroKernel {
    static final VectorKernel INSTANCE = new VectorKernel();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 6;
    private static final int NR = 2 * L;

    private VectorKernel() {}

    @Override public int mr() { return MR; }

    @Override public int nr() { return NR; }

    /** {@link VectorKernel8} where its 19 live vectors fit the register file (512-bit lanes: 32 registers). */
    @Override
    public MicroKernel tall() {
        return L >= 16 ? VectorKernel8.INSTANCE : this;
    }

    @Override
    public void compute(int kc,
                        float[] ap, int apOff,   // [kc][6]
                        float[] bp, int bpOff,   // [kc][2L]
                        float[] c, int cOff, int ldc, // [6, 2L], row stride ldc
                        float cScale) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51;
        if (cScale == 0f) {
            FloatVector z = FloatVector.zero(S);
            a00 = z; a01 = z; a10 = z; a11 = z; a20 = z; a21 = z;
            a30 = z; a31 = z; a40 = z; a41 = z; a50 = z; a51 = z;
        } else {
            a00 = FloatVector.fromArray(S, c, c0); a01 = FloatVector.fromArray(S, c, c0 + L);
            a10 = FloatVector.fromArray(S, c, c1); a11 = FloatVector.fromArray(S, c, c1 + L);
            a20 = FloatVector.fromArray(S, c, c2); a21 = FloatVector.fromArray(S, c, c2 + L);
            a30 = FloatVector.fromArray(S, c, c3); a31 = FloatVector.fromArray(S, c, c3 + L);
            a40 = FloatVector.fromArray(S, c, c4); a41 = FloatVector.fromArray(S, c, c4 + L);
            a50 = FloatVector.fromArray(S, c, c5); a51 = FloatVector.fromArray(S, c, c5 + L);
            if (cScale != 1f) {
                a00 = a00.mul(cScale); a01 = a01.mul(cScale); a10 = a10.mul(cScale);
                a11 = a11.mul(cScale); a20 = a20.mul(cScale); a21 = a21.mul(cScale);
                a30 = a30.mul(cScale); a31 = a31.mul(cScale); a40 = a40.mul(cScale);
                a41 = a41.mul(cScale); a50 = a50.mul(cScale); a51 = a51.mul(cScale);
            }
        }
        // Addresses as p * constant + invariant of the loop counter alone, so C2's range-check
        // elimination hoists the bounds checks of every load out of the loop.
        int ai = apOff, bi = bpOff;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x = FloatVector.broadcast(S, ap[ai]);
            a00 = x.fma(b0, a00); a01 = x.fma(b1, a01);
            x = FloatVector.broadcast(S, ap[ai + 1]);
            a10 = x.fma(b0, a10); a11 = x.fma(b1, a11);
            x = FloatVector.broadcast(S, ap[ai + 2]);
            a20 = x.fma(b0, a20); a21 = x.fma(b1, a21);
            x = FloatVector.broadcast(S, ap[ai + 3]);
            a30 = x.fma(b0, a30); a31 = x.fma(b1, a31);
            x = FloatVector.broadcast(S, ap[ai + 4]);
            a40 = x.fma(b0, a40); a41 = x.fma(b1, a41);
            x = FloatVector.broadcast(S, ap[ai + 5]);
            a50 = x.fma(b0, a50); a51 = x.fma(b1, a51);
        }
        a00.intoArray(c, c0); a01.intoArray(c, c0 + L);
        a10.intoArray(c, c1); a11.intoArray(c, c1 + L);
        a20.intoArray(c, c2); a21.intoArray(c, c2 + L);
        a30.intoArray(c, c3); a31.intoArray(c, c3 + L);
        a40.intoArray(c, c4); a41.intoArray(c, c4 + L);
        a50.intoArray(c, c5); a51.intoArray(c, c5 + L);
    }

    /** {@link #compute} with A read in place, (r, p) at {@code ap[apOff + r * aRow + p * aCol]} (duplicated so that
     *  the packed loop keeps its constant stride). */
    @Override
    public void computeStrided(int kc,
                        float[] ap, int apOff, int aRow, int aCol, // (r, p) at apOff + r*aRow + p*aCol
                        float[] bp, int bpOff,   // [kc][2L]
                        float[] c, int cOff, int ldc, // [6, 2L], row stride ldc
                        float cScale) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51;
        if (cScale == 0f) {
            FloatVector z = FloatVector.zero(S);
            a00 = z; a01 = z; a10 = z; a11 = z; a20 = z; a21 = z;
            a30 = z; a31 = z; a40 = z; a41 = z; a50 = z; a51 = z;
        } else {
            a00 = FloatVector.fromArray(S, c, c0); a01 = FloatVector.fromArray(S, c, c0 + L);
            a10 = FloatVector.fromArray(S, c, c1); a11 = FloatVector.fromArray(S, c, c1 + L);
            a20 = FloatVector.fromArray(S, c, c2); a21 = FloatVector.fromArray(S, c, c2 + L);
            a30 = FloatVector.fromArray(S, c, c3); a31 = FloatVector.fromArray(S, c, c3 + L);
            a40 = FloatVector.fromArray(S, c, c4); a41 = FloatVector.fromArray(S, c, c4 + L);
            a50 = FloatVector.fromArray(S, c, c5); a51 = FloatVector.fromArray(S, c, c5 + L);
            if (cScale != 1f) {
                a00 = a00.mul(cScale); a01 = a01.mul(cScale); a10 = a10.mul(cScale);
                a11 = a11.mul(cScale); a20 = a20.mul(cScale); a21 = a21.mul(cScale);
                a30 = a30.mul(cScale); a31 = a31.mul(cScale); a40 = a40.mul(cScale);
                a41 = a41.mul(cScale); a50 = a50.mul(cScale); a51 = a51.mul(cScale);
            }
        }
        int r0 = apOff, r1 = r0 + aRow, r2 = r1 + aRow, r3 = r2 + aRow, r4 = r3 + aRow, r5 = r4 + aRow;
        for (int p = 0; p < kc; p++) {
            int o = p * aCol, bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector x = FloatVector.broadcast(S, ap[r0 + o]);
            a00 = x.fma(b0, a00); a01 = x.fma(b1, a01);
            x = FloatVector.broadcast(S, ap[r1 + o]);
            a10 = x.fma(b0, a10); a11 = x.fma(b1, a11);
            x = FloatVector.broadcast(S, ap[r2 + o]);
            a20 = x.fma(b0, a20); a21 = x.fma(b1, a21);
            x = FloatVector.broadcast(S, ap[r3 + o]);
            a30 = x.fma(b0, a30); a31 = x.fma(b1, a31);
            x = FloatVector.broadcast(S, ap[r4 + o]);
            a40 = x.fma(b0, a40); a41 = x.fma(b1, a41);
            x = FloatVector.broadcast(S, ap[r5 + o]);
            a50 = x.fma(b0, a50); a51 = x.fma(b1, a51);
        }
        a00.intoArray(c, c0); a01.intoArray(c, c0 + L);
        a10.intoArray(c, c1); a11.intoArray(c, c1 + L);
        a20.intoArray(c, c2); a21.intoArray(c, c2 + L);
        a30.intoArray(c, c3); a31.intoArray(c, c3 + L);
        a40.intoArray(c, c4); a41.intoArray(c, c4 + L);
        a50.intoArray(c, c5); a51.intoArray(c, c5 + L);
    }

    @Override
    public void packTransposedA(float[] a, int src, int lda, int full, int kc, float[] dst, int dstOff) {
        packTransposed(a, src, lda, full, kc, MR, dst, dstOff);
    }

    /**
     * {@link MicroKernel#packTransposedA} for mr &le; L with one vector copy per storage row and
     * panel instead of mr scalar ones: [4096, 1024]^T packs 3-4x faster, a layer's TN weight
     * gradient runs 1.3x faster. The L floats of step p spill L - mr floats into the next
     * spillSteps steps, which are written after it; the last spillSteps steps of each panel,
     * whose spill would land in the next panel, are copied plainly. The reads stay inside the
     * block's rows: the last vector read ends L - mr floats past a step's panel, within the
     * spillSteps rows (of at least mr floats each) still below it. The copy is of the kernels'
     * own species: a second species splits the type profiles of the Vector API's shared
     * methods, and C2 then boxes the kernels' vectors (a 256-bit copy made a TN product 4x slower).
     */
    static void packTransposed(float[] a, int src, int lda, int full, int kc, int mr, float[] dst, int dstOff) {
        if (L < mr) {
            Packing.packTransposedA(a, src, lda, full, kc, mr, dst, dstOff);
            return;
        }
        int spillSteps = (L - 1) / mr;
        for (int p0 = 0; p0 < kc; p0 += Packing.STEPS_PER_BLOCK) {
            int end = Math.min(p0 + Packing.STEPS_PER_BLOCK, kc);
            int vectorEnd = Math.min(end, kc - spillSteps);
            for (int q = 0, d0 = dstOff + p0 * mr; q < full; q += mr, d0 += kc * mr) {
                int s = src + p0 * lda + q, d = d0, p = p0;
                for (; p < vectorEnd; p++, s += lda, d += mr) FloatVector.fromArray(S, a, s).intoArray(dst, d);
                for (; p < end; p++, s += lda, d += mr) {
                    for (int r = 0; r < mr; r++) dst[d + r] = a[s + r];
                }
            }
        }
    }

    /**
     * Columns in chunks of four vectors, then one, each chunk's accumulators held in registers
     * across the whole depth (a C row is loaded and stored once, not once per p); the last
     * n mod L columns are plain fma chains. Each chunk shape is its own small method so C2
     * compiles (and inlines the Vector API into) each loop with its own profile: one method
     * whose wide loop was cold when first compiled would run it with boxed vectors later.
     */
    @Override
    public void directRow(int n, int k, float[] a, int aIdx, int aStep,   // op(A)[i, 0:k]
                          float[] b, int bOff, int ldb,                   // B [k, n]
                          float beta, float[] c, int cRow) {              // C[i, 0:n]
        if (n >= PANEL_COLUMNS * L) {
            rowPanels(n, k, a, aIdx, aStep, b, bOff, ldb, beta, c, cRow);
            return;
        }
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) columns4(k, a, aIdx, aStep, b, bOff + j, ldb, beta, c, cRow + j);
        for (; j + L <= n; j += L) columns1(k, a, aIdx, aStep, b, bOff + j, ldb, beta, c, cRow + j);
        for (; j < n; j++) column(k, a, aIdx, aStep, b, bOff + j, ldb, beta, c, cRow + j);
    }

    /**
     * From this many vectors of columns {@link #directRow} streams B by rows ({@link #rowPanels}):
     * a column block walked down B jumps ldb floats (4 KiB at n = 1024) every step, which the
     * prefetcher does not follow; by rows B streams in order (any one-row product; added for text
     * sampling, whose stepper now packs its weights itself: PanelVectorProduct in rnn4j-tasks).
     */
    static final int PANEL_COLUMNS = 16;

    /**
     * C[i, 0:n] of {@link #directRow} for a long row: C's row (in L1) is updated with eight rows of
     * B at a time, each read once, in order. Every element still gets the fma chain over p = 0..k-1
     * from its start value: partial sums round-trip through C exactly.
     */
    private static void rowPanels(int n, int k, float[] a, int aIdx, int aStep,   // op(A)[i, 0:k]
                                  float[] b, int bOff, int ldb,                   // B [k, n]
                                  float beta, float[] c, int cRow) {              // C[i, 0:n]
        int nv = n - n % L;
        for (int j = nv; j < n; j++) column(k, a, aIdx, aStep, b, bOff + j, ldb, beta, c, cRow + j);
        if (beta != 1f) {
            for (int j = 0; j < nv; j += L) start(beta, c, cRow + j).intoArray(c, cRow + j);
        }
        int p = 0;
        for (; p + 8 <= k; p += 8) {
            int ai = aIdx + p * aStep;
            FloatVector x0 = FloatVector.broadcast(S, a[ai]);
            FloatVector x1 = FloatVector.broadcast(S, a[ai + aStep]);
            FloatVector x2 = FloatVector.broadcast(S, a[ai + 2 * aStep]);
            FloatVector x3 = FloatVector.broadcast(S, a[ai + 3 * aStep]);
            FloatVector x4 = FloatVector.broadcast(S, a[ai + 4 * aStep]);
            FloatVector x5 = FloatVector.broadcast(S, a[ai + 5 * aStep]);
            FloatVector x6 = FloatVector.broadcast(S, a[ai + 6 * aStep]);
            FloatVector x7 = FloatVector.broadcast(S, a[ai + 7 * aStep]);
            int b0 = bOff + p * ldb;
            for (int j = 0; j < nv; j += L) {
                int bj = b0 + j;
                FloatVector t = FloatVector.fromArray(S, c, cRow + j);
                t = x0.fma(FloatVector.fromArray(S, b, bj), t);
                t = x1.fma(FloatVector.fromArray(S, b, bj + ldb), t);
                t = x2.fma(FloatVector.fromArray(S, b, bj + 2 * ldb), t);
                t = x3.fma(FloatVector.fromArray(S, b, bj + 3 * ldb), t);
                t = x4.fma(FloatVector.fromArray(S, b, bj + 4 * ldb), t);
                t = x5.fma(FloatVector.fromArray(S, b, bj + 5 * ldb), t);
                t = x6.fma(FloatVector.fromArray(S, b, bj + 6 * ldb), t);
                t = x7.fma(FloatVector.fromArray(S, b, bj + 7 * ldb), t);
                t.intoArray(c, cRow + j);
            }
        }
        for (; p < k; p++) {
            FloatVector x = FloatVector.broadcast(S, a[aIdx + p * aStep]);
            int bp = bOff + p * ldb;
            for (int j = 0; j < nv; j += L) {
                x.fma(FloatVector.fromArray(S, b, bp + j), FloatVector.fromArray(S, c, cRow + j)).intoArray(c, cRow + j);
            }
        }
    }

    /** C[i, 0:4L] of {@link #directRow}; b points at B[0, j], c at C[i, j]. */
    private static void columns4(int k, float[] a, int aIdx, int aStep,
                                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff) {
        FloatVector s0 = start(beta, c, cOff), s1 = start(beta, c, cOff + L);
        FloatVector s2 = start(beta, c, cOff + 2 * L), s3 = start(beta, c, cOff + 3 * L);
        for (int p = 0, ai = aIdx, bi = bOff; p < k; p++, ai += aStep, bi += ldb) {
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            s0 = x.fma(FloatVector.fromArray(S, b, bi), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, bi + L), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
        }
        s0.intoArray(c, cOff); s1.intoArray(c, cOff + L);
        s2.intoArray(c, cOff + 2 * L); s3.intoArray(c, cOff + 3 * L);
    }

    /** C[i, 0:L] of {@link #directRow}. */
    private static void columns1(int k, float[] a, int aIdx, int aStep,
                                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff) {
        FloatVector s0 = start(beta, c, cOff);
        for (int p = 0, ai = aIdx, bi = bOff; p < k; p++, ai += aStep, bi += ldb) {
            s0 = FloatVector.broadcast(S, a[ai]).fma(FloatVector.fromArray(S, b, bi), s0);
        }
        s0.intoArray(c, cOff);
    }

    /** C[i, j] of {@link #directRow} as a scalar chain (masked loads are slow on JDK 17). */
    private static void column(int k, float[] a, int aIdx, int aStep,
                               float[] b, int bOff, int ldb, float beta, float[] c, int cOff) {
        float t = beta == 0f ? 0f : beta * c[cOff];
        for (int p = 0, ai = aIdx, bi = bOff; p < k; p++, ai += aStep, bi += ldb) {
            t = Math.fma(a[ai], b[bi], t);
        }
        c[cOff] = t;
    }

    private static FloatVector start(float beta, float[] c, int off) {
        if (beta == 0f) return FloatVector.zero(S);
        FloatVector v = FloatVector.fromArray(S, c, off);
        return beta == 1f ? v : v.mul(beta);
    }
}
