package org.rnn4j.tensor.cpu.gemm;

/**
 * A register-tiled GEMM micro-kernel: {@code C[mr, nr] = cScale·C + Ap · Bp} over one K block,
 * where Ap and Bp are panels produced by {@link Packing}.
 *
 * <p>Contract shared by every implementation, so that all paths give bit-identical results:
 * each element of C is one {@link Math#fma} chain over p in increasing order, started from
 * {@code 0} when {@code cScale == 0} (C is not read), from {@code C} when {@code cScale == 1},
 * and from {@code cScale * C} otherwise.
 */
public interface MicroKernel {
    /** Rows of the register tile (and of a packed A panel). */
    int mr();

    /** Columns of the register tile (and of a packed B panel). */
    int nr();

    /**
     * The same kernel with a taller tile (same nr), for products whose row count that tile
     * height divides; this kernel itself when it has none. Same fma chains, so the results
     * are the same bits.
     */
    default MicroKernel tall() {
        return this;
    }

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
     * {@link #compute} with op(A) read where it lies: element (r, p) of the tile at
     * {@code a[aIdx + r * aRow + p * aCol]}, r &lt; mr. A transposed A (stored k×m) is
     * aRow = 1, aCol = lda (the mr values of a step side by side); a plain A (stored m×k) is
     * aRow = lda, aCol = 1 (mr rows read side by side); a packed panel is aRow = 1, aCol = mr.
     * Small products so skip packing A. Same fma chains as {@link #compute}.
     */
    void computeStrided(int kc, float[] a, int aIdx, int aRow, int aCol, float[] bp, int bpOff,
                        float[] c, int cOff, int ldc, float cScale);

    /**
     * Unpacked row update for the direct path, B not transposed: for one row i of C,
     * {@code C[i, j] = fma chain over p of op(A)[i, p] · B[p, j]}, started as in
     * {@link #compute} with cScale = beta. Reads B in place (its rows are contiguous), so tiny
     * products pay for no packing.
     *
     * @param n    columns of C and B
     * @param k    depth
     * @param a    op(A) row i: element p at {@code aIdx + p * aStep}
     * @param b    B [k, n] at bOff, row stride ldb
     * @param c    C row i: [n] at cRow
     */
    void directRow(int n, int k, float[] a, int aIdx, int aStep,
                   float[] b, int bOff, int ldb, float beta, float[] c, int cRow);

    /**
     * Packs full panels of a transposed A (stored k×m, so a panel's mr rows of op(A) are mr
     * adjacent floats of each storage row): {@code dst[dstOff + (q / mr)·kc·mr + p·mr + r] =
     * a[src + p·lda + q + r]} for q &lt; full (a multiple of mr), p &lt; kc, r &lt; mr. Plain
     * Java by default ({@link Packing#packTransposedA}); a vector kernel copies with vectors.
     */
    default void packTransposedA(float[] a, int src, int lda, int full, int kc, float[] dst, int dstOff) {
        Packing.packTransposedA(a, src, lda, full, kc, mr(), dst, dstOff);
    }
}
