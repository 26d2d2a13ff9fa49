package org.rnn4j.tensor.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernel} with an 8 x (2 vectors) tile, for products whose row count is a multiple
 * of 8 (a persistent scan's rows per thread: 16 or 32 of a batch of 32 or 64). There the 6-row
 * tile computed a padded last tile (32 = 5·6 + 2: 11% of the multiply-adds wasted, and the
 * edge tile copied through scratch). Measured in alternating runs, LSTM T100 B64 I128 H256 L2
 * inference: 38.9 -> 32.9 ms per step with this tile in the scans. On the larger products the
 * 6-row tile was faster (every GEMM on 8 rows: 38.4 against 35.4 ms), so {@link Gemm} keeps it. Sixteen accumulators, two B loads and one
 * broadcast use 19 vector registers: only for 512-bit lanes, whose register file has 32
 * ({@link VectorKernel#tall}).
 */
final class VectorKernel8 implements MicroKernel {
    static final VectorKernel8 INSTANCE = new VectorKernel8();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;
    private static final int NR = 2 * L;

    private VectorKernel8() {}

    @Override public int mr() { return MR; }

    @Override public int nr() { return NR; }

    @Override
    public void compute(int kc,
                        float[] ap, int apOff,   // [kc][8]
                        float[] bp, int bpOff,   // [kc][2L]
                        float[] c, int cOff, int ldc, // [8, 2L], row stride ldc
                        float cScale) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc,
            c6 = c5 + ldc, c7 = c6 + ldc;
        FloatVector a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51, a60, a61, a70, a71;
        if (cScale == 0f) {
            FloatVector z = FloatVector.zero(S);
            a00 = z; a01 = z; a10 = z; a11 = z; a20 = z; a21 = z;
            a30 = z; a31 = z; a40 = z; a41 = z; a50 = z; a51 = z;
            a60 = z; a61 = z; a70 = z; a71 = z;
        } else {
            a00 = FloatVector.fromArray(S, c, c0); a01 = FloatVector.fromArray(S, c, c0 + L);
            a10 = FloatVector.fromArray(S, c, c1); a11 = FloatVector.fromArray(S, c, c1 + L);
            a20 = FloatVector.fromArray(S, c, c2); a21 = FloatVector.fromArray(S, c, c2 + L);
            a30 = FloatVector.fromArray(S, c, c3); a31 = FloatVector.fromArray(S, c, c3 + L);
            a40 = FloatVector.fromArray(S, c, c4); a41 = FloatVector.fromArray(S, c, c4 + L);
            a50 = FloatVector.fromArray(S, c, c5); a51 = FloatVector.fromArray(S, c, c5 + L);
            a60 = FloatVector.fromArray(S, c, c6); a61 = FloatVector.fromArray(S, c, c6 + L);
            a70 = FloatVector.fromArray(S, c, c7); a71 = FloatVector.fromArray(S, c, c7 + L);
            if (cScale != 1f) {
                a00 = a00.mul(cScale); a01 = a01.mul(cScale); a10 = a10.mul(cScale);
                a11 = a11.mul(cScale); a20 = a20.mul(cScale); a21 = a21.mul(cScale);
                a30 = a30.mul(cScale); a31 = a31.mul(cScale); a40 = a40.mul(cScale);
                a41 = a41.mul(cScale); a50 = a50.mul(cScale); a51 = a51.mul(cScale);
                a60 = a60.mul(cScale); a61 = a61.mul(cScale); a70 = a70.mul(cScale);
                a71 = a71.mul(cScale);
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
            x = FloatVector.broadcast(S, ap[ai + 6]);
            a60 = x.fma(b0, a60); a61 = x.fma(b1, a61);
            x = FloatVector.broadcast(S, ap[ai + 7]);
            a70 = x.fma(b0, a70); a71 = x.fma(b1, a71);
        }
        a00.intoArray(c, c0); a01.intoArray(c, c0 + L);
        a10.intoArray(c, c1); a11.intoArray(c, c1 + L);
        a20.intoArray(c, c2); a21.intoArray(c, c2 + L);
        a30.intoArray(c, c3); a31.intoArray(c, c3 + L);
        a40.intoArray(c, c4); a41.intoArray(c, c4 + L);
        a50.intoArray(c, c5); a51.intoArray(c, c5 + L);
        a60.intoArray(c, c6); a61.intoArray(c, c6 + L);
        a70.intoArray(c, c7); a71.intoArray(c, c7 + L);
    }

    /**
     * {@link #compute} with A read in place, (r, p) at {@code ap[apOff + r * aRow + p * aCol]}
     * (a scan's h[s] rows, see {@link PackedRhs}); duplicated so that the packed loop keeps
     * its constant stride, as in {@link VectorKernel}.
     */
    @Override
    public void computeStrided(int kc,
                        float[] ap, int apOff, int aRow, int aCol, // (r, p) at apOff + r*aRow + p*aCol
                        float[] bp, int bpOff,   // [kc][2L]
                        float[] c, int cOff, int ldc, // [8, 2L], row stride ldc
                        float cScale) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc,
            c6 = c5 + ldc, c7 = c6 + ldc;
        FloatVector a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51, a60, a61, a70, a71;
        if (cScale == 0f) {
            FloatVector z = FloatVector.zero(S);
            a00 = z; a01 = z; a10 = z; a11 = z; a20 = z; a21 = z;
            a30 = z; a31 = z; a40 = z; a41 = z; a50 = z; a51 = z;
            a60 = z; a61 = z; a70 = z; a71 = z;
        } else {
            a00 = FloatVector.fromArray(S, c, c0); a01 = FloatVector.fromArray(S, c, c0 + L);
            a10 = FloatVector.fromArray(S, c, c1); a11 = FloatVector.fromArray(S, c, c1 + L);
            a20 = FloatVector.fromArray(S, c, c2); a21 = FloatVector.fromArray(S, c, c2 + L);
            a30 = FloatVector.fromArray(S, c, c3); a31 = FloatVector.fromArray(S, c, c3 + L);
            a40 = FloatVector.fromArray(S, c, c4); a41 = FloatVector.fromArray(S, c, c4 + L);
            a50 = FloatVector.fromArray(S, c, c5); a51 = FloatVector.fromArray(S, c, c5 + L);
            a60 = FloatVector.fromArray(S, c, c6); a61 = FloatVector.fromArray(S, c, c6 + L);
            a70 = FloatVector.fromArray(S, c, c7); a71 = FloatVector.fromArray(S, c, c7 + L);
            if (cScale != 1f) {
                a00 = a00.mul(cScale); a01 = a01.mul(cScale); a10 = a10.mul(cScale);
                a11 = a11.mul(cScale); a20 = a20.mul(cScale); a21 = a21.mul(cScale);
                a30 = a30.mul(cScale); a31 = a31.mul(cScale); a40 = a40.mul(cScale);
                a41 = a41.mul(cScale); a50 = a50.mul(cScale); a51 = a51.mul(cScale);
                a60 = a60.mul(cScale); a61 = a61.mul(cScale); a70 = a70.mul(cScale);
                a71 = a71.mul(cScale);
            }
        }
        int r0 = apOff, r1 = r0 + aRow, r2 = r1 + aRow, r3 = r2 + aRow, r4 = r3 + aRow, r5 = r4 + aRow,
            r6 = r5 + aRow, r7 = r6 + aRow;
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
            x = FloatVector.broadcast(S, ap[r6 + o]);
            a60 = x.fma(b0, a60); a61 = x.fma(b1, a61);
            x = FloatVector.broadcast(S, ap[r7 + o]);
            a70 = x.fma(b0, a70); a71 = x.fma(b1, a71);
        }
        a00.intoArray(c, c0); a01.intoArray(c, c0 + L);
        a10.intoArray(c, c1); a11.intoArray(c, c1 + L);
        a20.intoArray(c, c2); a21.intoArray(c, c2 + L);
        a30.intoArray(c, c3); a31.intoArray(c, c3 + L);
        a40.intoArray(c, c4); a41.intoArray(c, c4 + L);
        a50.intoArray(c, c5); a51.intoArray(c, c5 + L);
        a60.intoArray(c, c6); a61.intoArray(c, c6 + L);
        a70.intoArray(c, c7); a71.intoArray(c, c7 + L);
    }

    /** The direct path does not depend on the tile height: {@link VectorKernel}'s row kernel. */
    @Override
    public void directRow(int n, int k, float[] a, int aIdx, int aStep,   // op(A)[i, 0:k]
                          float[] b, int bOff, int ldb,                   // B [k, n]
                          float beta, float[] c, int cRow) {              // C[i, 0:n]
        VectorKernel.INSTANCE.directRow(n, k, a, aIdx, aStep, b, bOff, ldb, beta, c, cRow);
    }

    @Override
    public void packTransposedA(float[] a, int src, int lda, int full, int kc, float[] dst, int dstOff) {
        VectorKernel.packTransposed(a, src, lda, full, kc, MR, dst, dstOff);
    }
}
