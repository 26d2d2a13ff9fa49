package org.rnn4j.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Panels of a transposed A ({@link MicroKernel#packTransposedA}): each kernel's copy against a
 * plain reference loop, for depths around the step blocks and the vector copies' spill (the last
 * steps of a panel), row strides down to the panel width, and blocks that end at the last float
 * of A (the vector reads must stay inside the block's rows).
 */
class PackingTest {
    static List<MicroKernel> kernels() {
        List<MicroKernel> ks = new ArrayList<>(List.of(ScalarKernel.INSTANCE));
        MicroKernel v = Gemm.vectorKernel();
        if (v != null) {
            ks.add(v);
            ks.add(v.tall());
        }
        return ks;
    }

    @Test
    void transposedPanelsMatchThePlainCopy() {
        Random r = new Random(5);
        int[] depths = {1, 2, 3, 31, 32, 33, 64, 65, 256};
        for (MicroKernel kernel : kernels()) {
            int mr = kernel.mr();
            for (int panels = 1; panels <= 5; panels += 2) {
                int full = panels * mr;
                for (int extra : new int[] {0, 1, 17}) {
                    int lda = full + extra;
                    for (int kc : depths) {
                        for (int tail : new int[] {0, 3}) { // A ends right after the block, or a little later
                            float[] a = new float[kc * lda + tail];
                            for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
                            int src = extra > 0 ? 1 : 0;
                            // Eight floats past the panels: a spill beyond the last one fails the comparison.
                            float[] want = new float[full * kc + 8];
                            float[] got = new float[full * kc + 8];
                            for (int q = 0; q < full; q += mr) {
                                for (int p = 0; p < kc; p++) {
                                    for (int i = 0; i < mr; i++) {
                                        want[(q / mr) * kc * mr + p * mr + i] = a[src + p * lda + q + i];
                                    }
                                }
                            }
                            kernel.packTransposedA(a, src, lda, full, kc, got, 0);
                            assertArrayEquals(want, got, kernel.getClass().getSimpleName() + " mr=" + mr
                                    + " full=" + full + " lda=" + lda + " kc=" + kc + " tail=" + tail);
                        }
                    }
                }
            }
        }
    }
}
