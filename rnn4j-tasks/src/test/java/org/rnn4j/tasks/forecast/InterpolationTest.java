package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InterpolationTest {
    private static final double N = Double.NaN;

    @Test
    void linearInsideNearestAtTheEnds() {
        double[] v = {N, 2, N, N, 8, N};
        assertEquals(4, Interpolation.fill(v));
        assertArrayEquals(new double[] {2, 2, 4, 6, 8, 8}, v, 1e-12);
    }

    @Test
    void nothingToFillAndNothingKnown() {
        double[] full = {1, 2};
        assertEquals(0, Interpolation.fill(full));
        double[] none = {N, N};
        assertEquals(-1, Interpolation.fill(none));
        assertEquals(true, Double.isNaN(none[0]));
    }
}
