package org.rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

class SlidingWindowsTest {
    /** Rows r of a [N, 2] series: (10r, r). */
    private static Tensor series(int n) {
        float[] v = new float[2 * n];
        for (int r = 0; r < n; r++) {
            v[2 * r] = 10 * r;
            v[2 * r + 1] = r;
        }
        return Tensor.of(v, n, 2);
    }

    @Test
    void windowsCoverTheSeriesAtTheStride() {
        SlidingWindows w = SlidingWindows.of(series(20), 1, 4, 3, 2);
        assertEquals((20 - 4 - 3) / 2 + 1, w.size());
        SlidingWindows.Window last = w.get(w.size() - 1);
        int s = (w.size() - 1) * 2;
        assertArrayEquals(new int[] {4, 2}, last.input().shape());
        assertArrayEquals(new float[] {10 * s, s, 10 * (s + 1), s + 1, 10 * (s + 2), s + 2, 10 * (s + 3), s + 3},
                last.input().toFloatArray());
        assertArrayEquals(new float[] {s + 4, s + 5, s + 6}, last.target().toFloatArray());
        assertTrue(s + 4 + 3 <= 20, "the last window ends inside the series");
    }

    @Test
    void oneDimensionalSeriesIsItsOwnTarget() {
        SlidingWindows w = SlidingWindows.of(Tensor.of(new float[] {1, 2, 3, 4, 5}, 5), 2, 1, 1);
        assertEquals(3, w.size());
        assertArrayEquals(new float[] {2, 3}, w.get(1).input().toFloatArray());
        assertArrayEquals(new float[] {4}, w.get(1).target().toFloatArray());
    }

    @Test
    void batchesStackThroughADataLoader() {
        SlidingWindows w = SlidingWindows.of(series(12), 0, 3, 2, 1);
        DataLoader<SlidingWindows.Window, SlidingWindows.Batch> loader =
                new DataLoader<>(w, DataLoader.options().batchSize(4), SlidingWindows.collate());
        SlidingWindows.Batch b = loader.iterator().next();
        assertArrayEquals(new int[] {4, 3, 2}, b.input().shape());
        assertArrayEquals(new int[] {4, 2}, b.target().shape());
        assertArrayEquals(new float[] {30, 40, 40, 50}, b.target().narrow(0, 0, 2).toFloatArray());
    }

    @Test
    void badArgumentsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlidingWindows.of(series(5), 0, 4, 2, 1))
                .getMessage().contains("too short"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlidingWindows.of(series(5), 2, 1, 1, 1))
                .getMessage().contains("target column 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlidingWindows.of(series(5), 0, 1, 1, 0))
                .getMessage().contains("stride must be positive, got 0"));
        assertThrows(IndexOutOfBoundsException.class, () -> SlidingWindows.of(series(5), 0, 1, 1, 1).get(4));
    }
}
