package org.rnn4j.tasks.forecast;

/**
 * Fills NaN gaps of a column in place: linearly between the known values on either side, and with
 * the nearest known value before the first or after the last.
 */
public final class Interpolation {
    private Interpolation() {}

    /**
     * Fills the NaNs of {@code v}; returns how many were filled, or -1 if {@code v} has no known
     * value at all (nothing is changed then).
     */
    public static int fill(double[] v) {
        int n = v.length;
        int prev = -1;
        int filled = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && Double.isNaN(v[i])) continue;
            int gap = i - prev - 1;
            if (gap > 0) {
                if (prev < 0 && i == n) return -1;
                for (int j = prev + 1; j < i; j++) {
                    if (prev < 0) v[j] = v[i];
                    else if (i == n) v[j] = v[prev];
                    else v[j] = v[prev] + (v[i] - v[prev]) * (j - prev) / (double) (i - prev);
                }
                filled += gap;
            }
            prev = i;
        }
        return filled;
    }
}
