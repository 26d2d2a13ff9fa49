package org.rnn4j.tasks.text;

/**
 * The inner loop of {@link PanelVectorProduct}: one panel of columns times a vector,
 * <pre>
 *   dst[j0 + c] = (Σ_p v[p] · w[base + p·width + c]) + bias[j0 + c]      c in [0, width)
 * </pre>
 * the sum an fma chain over p = 0..K-1 from zero. Every implementation computes those exact
 * operations in that order, so they give the same bits: a caller may switch between them at any
 * time without changing a result.
 */
interface PanelKernel {
    /** The panel widths this kernel works in: {@code 4 * lane()} (wide panels) and {@code lane()}. */
    int lane();

    void panel(float[] v, int k,                  // v [K]
               float[] w, int base, int width,    // the panel [K, width] at w[base]
               float[] bias, float[] dst, int j0); // bias, dst [≥ j0 + width]

    /** Plain loops: quick from the first call, where Vector API code is slow until C2 compiles it. */
    final class Scalar implements PanelKernel {
        /** Rows of a panel per block: 64 rows of a 64-column panel are 16 KB, a third of L1. */
        static final int BLOCK = 64;

        private final int lane;

        Scalar(int lane) {
            this.lane = lane;
        }

        @Override
        public int lane() {
            return lane;
        }

        @Override
        public void panel(float[] v, int k, float[] w, int base, int width, float[] bias, float[] dst, int j0) {
            // In blocks of BLOCK rows of the panel (16 KB at its widest), each block read eight
            // columns at a time from L1: over the whole panel at once (64 KB) each pass would
            // stream it again from L2, or from L3 when the product's weights outgrow L2, as they
            // do before the second thread starts. Between blocks the sums rest in dst, exactly.
            for (int p0 = 0; p0 == 0 || p0 < k; p0 += BLOCK) { // once at least: K = 0 gives the bias
                int p1 = Math.min(k, p0 + BLOCK);
                int c = 0;
                for (; c + 8 <= width; c += 8) { // eight chains at a time: the fma latency overlaps
                    int j = j0 + c;
                    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
                    if (p0 > 0) {
                        s0 = dst[j];
                        s1 = dst[j + 1];
                        s2 = dst[j + 2];
                        s3 = dst[j + 3];
                        s4 = dst[j + 4];
                        s5 = dst[j + 5];
                        s6 = dst[j + 6];
                        s7 = dst[j + 7];
                    }
                    for (int p = p0, i = base + p0 * width + c; p < p1; p++, i += width) {
                        float x = v[p];
                        s0 = Math.fma(x, w[i], s0);
                        s1 = Math.fma(x, w[i + 1], s1);
                        s2 = Math.fma(x, w[i + 2], s2);
                        s3 = Math.fma(x, w[i + 3], s3);
                        s4 = Math.fma(x, w[i + 4], s4);
                        s5 = Math.fma(x, w[i + 5], s5);
                        s6 = Math.fma(x, w[i + 6], s6);
                        s7 = Math.fma(x, w[i + 7], s7);
                    }
                    if (p1 == k) {
                        s0 += bias[j];
                        s1 += bias[j + 1];
                        s2 += bias[j + 2];
                        s3 += bias[j + 3];
                        s4 += bias[j + 4];
                        s5 += bias[j + 5];
                        s6 += bias[j + 6];
                        s7 += bias[j + 7];
                    }
                    dst[j] = s0;
                    dst[j + 1] = s1;
                    dst[j + 2] = s2;
                    dst[j + 3] = s3;
                    dst[j + 4] = s4;
                    dst[j + 5] = s5;
                    dst[j + 6] = s6;
                    dst[j + 7] = s7;
                }
                for (; c < width; c++) { // a panel narrower than eight (lanes of four)
                    int j = j0 + c;
                    float s0 = p0 > 0 ? dst[j] : 0f;
                    for (int p = p0, i = base + p0 * width + c; p < p1; p++, i += width) s0 = Math.fma(v[p], w[i], s0);
                    dst[j] = p1 == k ? s0 + bias[j] : s0;
                }
            }
        }
    }
}
