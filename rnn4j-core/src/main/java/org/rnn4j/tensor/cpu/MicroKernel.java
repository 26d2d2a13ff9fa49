package org.rnn4j.tensor.cpu;

/**
 * A register-tiled GEMM micro-kernel: {@code C[mr, nr] = cScale·C + Ap · Bp} over one K block,
 * where Ap and Bp are panels produced by {@link Packing}.
 *
 * <p>Contract shared by every implementation, so that all paths give bit-identical results:
 * each element of C is one {@link Math#fma} chain over p in increasing order, started from
 * {@code 0} when {@code cScale == 0} (C is not read), from {@code C} when {@code cScale == 1},
 * and from {@code cScale * C} otherwise.
 */
interface MicroKernel {
    /** Rows of the register tile (and of a packed A panel). */
    int mr();

    /** Columns of the register tile (and of a packed B panel). */
    int nr();

    /**
     * @param kc     depth of this K block
     * @param ap     packed A panel [kc][mr] starting at apOff
     * @param bp     packed B panel [kc][nr] starting at bpOff
     * @param c      C tile [mr, nr] starting at cOff with row stride ldc
     * @param cScale 0: overwrite C; 1: accumulate into C; else scale C first (beta)
     */
    void compute(int kc, float[] ap, int apOff, float[] bp, int bpOff,
                 float[] c, int cOff, int ldc, float cScale);

    /**
     * {@code y[j] = fma(alpha, x[j], y[j])} for j in [0, n): the inner loop of the direct path,
     * here because C2 does not vectorise it by itself when xOff and yOff differ.
     *
     * @param x [n] starting at xOff
     * @param y [n] starting at yOff
     */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);
}
