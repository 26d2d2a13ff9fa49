package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PanelVectorProductTest {
    /** Sizes around the panel widths (4L and L columns) and short depths. */
    @ParameterizedTest
    @CsvSource({"1, 1", "3, 5", "16, 64", "17, 70", "64, 33", "5, 80", "256, 512", "7, 129"})
    void theVectorAndPlainKernelsGiveTheSameBitsAndTheProduct(int k, int n) {
        Random random = new Random(31L * k + n);
        int total = n + 3; // W has rows that are not picked
        float[] w = new float[total * k];
        for (int i = 0; i < w.length; i++) w[i] = (float) random.nextGaussian();
        float[] b = new float[total];
        for (int i = 0; i < total; i++) b[i] = (float) random.nextGaussian();
        int[] rows = new int[n];
        for (int j = 0; j < n; j++) rows[j] = (j * 7 + 2) % total; // picked out of order
        float[] v = new float[k];
        for (int i = 0; i < k; i++) v[i] = (float) random.nextGaussian();
        PanelVectorProduct product = new PanelVectorProduct(w, k, rows, b);

        float[] plain = new float[n];
        product.apply(v, plain, PanelVectorProduct.SCALAR);
        for (int j = 0; j < n; j++) {
            float chain = 0f;
            for (int p = 0; p < k; p++) chain = Math.fma(v[p], w[rows[j] * k + p], chain);
            assertEquals(chain + b[rows[j]], plain[j], 0f, "column " + j); // the fma chain from zero, then the bias
        }
        assertNotNull(PanelVectorProduct.VECTOR, "the tests run with jdk.incubator.vector");
        float[] vector = new float[n];
        product.apply(v, vector, PanelVectorProduct.VECTOR);
        assertArrayEquals(plain, vector, 0f);
    }

    /** Lanes of four (128-bit vectors): the plain kernel's panels are narrower than its eight chains. */
    @ParameterizedTest
    @CsvSource({"4, 70", "16, 130", "4, 1"})
    void thePlainKernelSumsPanelsOfAnyWidth(int width, int k) {
        Random random = new Random(width * 1000L + k);
        float[] v = new float[k];
        for (int i = 0; i < k; i++) v[i] = (float) random.nextGaussian();
        int base = 3; // the panel [K, width] after three other floats
        float[] w = new float[base + k * width];
        for (int i = 0; i < w.length; i++) w[i] = (float) random.nextGaussian();
        float[] bias = new float[2 + width];
        for (int i = 0; i < bias.length; i++) bias[i] = (float) random.nextGaussian();
        float[] dst = new float[2 + width];
        new PanelKernel.Scalar(4).panel(v, k, w, base, width, bias, dst, 2);
        for (int c = 0; c < width; c++) {
            float chain = 0f;
            for (int p = 0; p < k; p++) chain = Math.fma(v[p], w[base + p * width + c], chain);
            assertEquals(chain + bias[2 + c], dst[2 + c], 0f, "column " + c);
        }
        assertEquals(0f, dst[0]);
        assertEquals(0f, dst[1]);
    }

    @Test
    void wrongLengthsAreRefusedNamingBoth() {
        PanelVectorProduct product = new PanelVectorProduct(new float[12], 3, new int[] {0, 2}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> product.apply(new float[4], new float[2], PanelVectorProduct.SCALAR));
        assertEquals("PanelVectorProduct: v [3] and out [2] are expected, got [4] and [2]", e.getMessage());
    }
}
