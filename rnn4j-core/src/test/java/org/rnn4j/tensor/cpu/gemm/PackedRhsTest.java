package org.rnn4j.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A right-hand operand packed once, multiplied by left operands of every row count up to its
 * maximum (a packed batch's scan parts lose rows as sequences end): the same bits as
 * {@link Gemm#sgemm}, whichever tiles cover the rows, both strides (in place or packed A), beta 0 and 1.
 */
class PackedRhsTest {
    @Test
    void everyRowCountMatchesSgemmBitForBit() {
        Random r = new Random(3);
        int k = 70, n = 45, maxRows = 41;
        for (boolean transB : new boolean[] {false, true}) {
            float[] b = values(r, k * n);
            PackedRhs rhs = new PackedRhs(transB, b, 0, transB ? k : n, 0, n, k, maxRows);
            for (int lda : new int[] {k, 1024}) {
                float[] a = values(r, maxRows * lda);
                for (int rows = 1; rows <= maxRows; rows++) {
                    for (float beta : new float[] {0f, 1f}) {
                        float[] c0 = values(r, rows * n);
                        float[] want = c0.clone();
                        Gemm.sgemm(false, transB, rows, n, k, a, 0, lda, b, 0, transB ? k : n, beta, want, 0, n);
                        float[] got = c0.clone();
                        rhs.multiply(rows, a, 0, lda, beta, got, 0, n);
                        assertArrayEquals(want, got, "rows=" + rows + " lda=" + lda + " beta=" + beta + " transB=" + transB);
                    }
                }
            }
            rhs.release();
        }
    }

    private static float[] values(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }
}
