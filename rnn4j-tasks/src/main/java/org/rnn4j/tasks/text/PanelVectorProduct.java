package org.rnn4j.tasks.text;

/**
 * One vector times a fixed matrix, the matrix packed once into column panels so that the product
 * streams it in order:
 * <pre>
 *   out[j] = (Σ_p v[p] · W[rows[j], p]) + b[rows[j]]     v [K], W [*, K] (PyTorch's [out, in]), out [N = rows.length]
 * </pre>
 * the sum an fma chain over p = 0..K-1 from zero. The picked rows are stored as panels of four
 * lanes' worth of columns, then panels of one lane for the rest (zero past N), each panel
 * [K, width] contiguous: a panel's accumulators stay in registers over all K, out is written once
 * per panel, and the matrix is read once, front to back, which the prefetcher follows.
 *
 * <p>{@link #apply} runs the Vector API kernel ({@link #VECTOR}) or the plain one
 * ({@link PanelKernel.Scalar}); they give the same bits.
 */
final class PanelVectorProduct {
    /**
     * The Vector API kernel, or null where {@code jdk.incubator.vector} is not in the boot layer or
     * {@code -Drnn4j.vector=false} turns it off (as it does the core library's kernels).
     */
    static final PanelKernel VECTOR = vectorKernel();
    /** Plain loops over the same panels. */
    static final PanelKernel SCALAR = new PanelKernel.Scalar(VECTOR == null ? 16 : VECTOR.lane());

    private static final int LANE = SCALAR.lane();
    private static final int WIDE = 4 * LANE;

    private final int k;
    private final int n;
    private final int wide;       // columns in wide panels
    private final float[] panels; // wide/WIDE panels [K, WIDE], then panels [K, LANE]
    private final float[] bias;   // [N rounded up to LANE], zero past N
    private final float[] padded; // scratch, as bias

    /**
     * @param w    W [*, K], row-major (read, not kept)
     * @param k    K, the length of v
     * @param rows the rows of W (and entries of b) that make out, in order
     * @param b    b [*] (null: zero)
     */
    PanelVectorProduct(float[] w, int k, int[] rows, float[] b) {
        this.k = k;
        this.n = rows.length;
        this.wide = n / WIDE * WIDE;
        int paddedN = (n + LANE - 1) / LANE * LANE;
        this.panels = new float[paddedN * k];
        for (int j = 0; j < n; j++) {
            int width = j < wide ? WIDE : LANE;
            int start = j < wide ? j / WIDE * WIDE : wide + (j - wide) / LANE * LANE; // the panel's first column
            int base = start * k + (j - start);
            int row = rows[j] * k;
            for (int p = 0; p < k; p++) panels[base + p * width] = w[row + p];
        }
        this.bias = new float[paddedN];
        if (b != null) {
            for (int j = 0; j < n; j++) bias[j] = b[rows[j]];
        }
        this.padded = new float[paddedN];
    }

    /** out [N] = b + v [K] · W[rows]ᵀ with {@code kernel} ({@link #VECTOR} or {@link #SCALAR}). */
    void apply(float[] v, float[] out, PanelKernel kernel) {
        if (v.length != k || out.length != n) {
            throw new IllegalArgumentException("PanelVectorProduct: v [" + k + "] and out [" + n + "] are expected, got ["
                    + v.length + "] and [" + out.length + "]");
        }
        float[] dst = n == padded.length ? out : padded;
        for (int j = 0; j < wide; j += WIDE) kernel.panel(v, k, panels, j * k, WIDE, bias, dst, j);
        for (int j = wide; j < padded.length; j += LANE) kernel.panel(v, k, panels, j * k, LANE, bias, dst, j);
        if (dst != out) System.arraycopy(padded, 0, out, 0, n);
    }

    private static PanelKernel vectorKernel() {
        if (!Boolean.parseBoolean(System.getProperty("rnn4j.vector", "true"))) return null;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            return new VectorPanelKernel();
        } catch (LinkageError e) {
            return null;
        }
    }
}
