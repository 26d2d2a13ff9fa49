package org.rnn4j.tensor.cpu.gemm;

/**
 * Portable micro-kernel used when the Vector API is absent (or disabled with
 * {@code -Drnn4j.vector=false}). A 4x128 tile, written so that C2's superword pass vectorises
 * it: C2 (JDK 17 at least) will not vectorise {@code y[yOff+j] = f(x[xOff+j])} when the two
 * offsets differ, since x and y might be one array, so each step p copies its B row to a
 * private array and the four rows of C are accumulated in private arrays, all indexed by plain
 * {@code j}. The long (128) inner loop is needed too: short constant loops get unrolled into
 * scalar code instead. {@link Math#fma} keeps the results bit-identical to the Vector API
 * kernel.
 */
final class ScalarKernel implements MicroKernel {
    static final ScalarKernel INSTANCE = new ScalarKernel();
    private static final int MR = 4;
    private static final int NR = 128;

    private ScalarKernel() {}

    @Override public int mr() { return MR; }

    @Override public int nr() { return NR; }

    @Override
    public void compute(int kc,
                        float[] ap, int apOff,   // [kc][MR]
                        float[] bp, int bpOff,   // [kc][NR]
                        float[] c, int cOff, int ldc, // [MR, NR], row stride ldc
                        float cScale) {
        computeStrided(kc, ap, apOff, 1, MR, bp, bpOff, c, cOff, ldc, cScale);
    }

    @Override
    public void computeStrided(int kc,
                               float[] ap, int apOff, int aRow, int aCol, // element (r, p) at apOff + r*aRow + p*aCol
                               float[] bp, int bpOff,   // [kc][NR]
                               float[] c, int cOff, int ldc, // [MR, NR], row stride ldc
                               float cScale) {
        // 2.5 KiB of scratch per call, next to 4·128·kc multiply-adds: cheaper than a lookup.
        float[] bRow = new float[NR];
        float[] c0 = startRow(c, cOff, cScale);
        float[] c1 = startRow(c, cOff + ldc, cScale);
        float[] c2 = startRow(c, cOff + 2 * ldc, cScale);
        float[] c3 = startRow(c, cOff + 3 * ldc, cScale);
        for (int p = 0; p < kc; p++) {
            System.arraycopy(bp, bpOff + p * NR, bRow, 0, NR);
            int ai = apOff + p * aCol;
            float a0 = ap[ai], a1 = ap[ai + aRow], a2 = ap[ai + 2 * aRow], a3 = ap[ai + 3 * aRow];
            for (int j = 0; j < NR; j++) {
                float bj = bRow[j];
                c0[j] = Math.fma(a0, bj, c0[j]);
                c1[j] = Math.fma(a1, bj, c1[j]);
                c2[j] = Math.fma(a2, bj, c2[j]);
                c3[j] = Math.fma(a3, bj, c3[j]);
            }
        }
        System.arraycopy(c0, 0, c, cOff, NR);
        System.arraycopy(c1, 0, c, cOff + ldc, NR);
        System.arraycopy(c2, 0, c, cOff + 2 * ldc, NR);
        System.arraycopy(c3, 0, c, cOff + 3 * ldc, NR);
    }

    /** A private copy of C[row, 0:NR] holding the start of each fma chain. */
    private static float[] startRow(float[] c, int cRow, float cScale) {
        float[] acc = new float[NR];
        if (cScale != 0f) {
            System.arraycopy(c, cRow, acc, 0, NR);
            if (cScale != 1f) for (int j = 0; j < NR; j++) acc[j] *= cScale;
        }
        return acc;
    }

    @Override
    public void directRow(int n, int k, float[] a, int aIdx, int aStep,   // op(A)[i, 0:k]
                          float[] b, int bOff, int ldb,                   // B [k, n]
                          float beta, float[] c, int cRow) {              // C[i, 0:n]
        DirectGemm.scaleRow(beta, c, cRow, n);
        for (int p = 0; p < k; p++) {
            float aip = a[aIdx + p * aStep];
            int bRow = bOff + p * ldb;
            for (int j = 0; j < n; j++) c[cRow + j] = Math.fma(aip, b[bRow + j], c[cRow + j]);
        }
    }
}
