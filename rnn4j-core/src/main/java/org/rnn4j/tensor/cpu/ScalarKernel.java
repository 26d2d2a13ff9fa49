package org.rnn4j.tensor.cpu;

/**
 * Portable micro-kernel used when the Vector API is absent (or disabled with
 * {@code -Drnn4j.vector=false}). A 4x16 tile: the inner loop over 16 contiguous columns is
 * simple enough for C2 to auto-vectorise, and {@link Math#fma} keeps the results
 * bit-identical to the Vector API kernel.
 */
final class ScalarKernel implements MicroKernel {
    static final ScalarKernel INSTANCE = new ScalarKernel();
    private static final int MR = 4;
    private static final int NR = 16;

    private ScalarKernel() {}

    @Override public int mr() { return MR; }

    @Override public int nr() { return NR; }

    @Override
    public void compute(int kc,
                        float[] ap, int apOff,   // [kc][MR]
                        float[] bp, int bpOff,   // [kc][NR]
                        float[] c, int cOff, int ldc, // [MR, NR], row stride ldc
                        float cScale) {
        // One row of C at a time keeps the 16 accumulators in a small local array that
        // C2 can hold in vector registers; the B panel row is re-read from L1 per row.
        float[] acc = new float[NR];
        for (int r = 0; r < MR; r++) {
            int cRow = cOff + r * ldc;
            if (cScale == 0f) {
                java.util.Arrays.fill(acc, 0f);
            } else if (cScale == 1f) {
                System.arraycopy(c, cRow, acc, 0, NR);
            } else {
                for (int j = 0; j < NR; j++) acc[j] = cScale * c[cRow + j];
            }
            for (int p = 0; p < kc; p++) {
                float aip = ap[apOff + p * MR + r];
                int bRow = bpOff + p * NR;
                for (int j = 0; j < NR; j++) acc[j] = Math.fma(aip, bp[bRow + j], acc[j]);
            }
            System.arraycopy(acc, 0, c, cRow, NR);
        }
    }
}
