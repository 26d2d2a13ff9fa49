package org.rnn4j.tensor.cpu.rnn;

/** Where the parts of a split scan ({@link PersistentScan}) start: ranges of hidden units or of batch rows. */
final class PartBounds {
    private PartBounds() {}

    /**
     * Where the parts start, and the end: {@code parts + 1} increasing bounds from 0 to
     * {@code whole}. Unit ranges start at multiples of 16 floats (a cache line) when H is at least
     * 64, so that no two threads write the same line of h, c or saved.
     */
    static int[] of(int whole, int parts, boolean byRows) {
        int[] b = new int[parts + 1];
        for (int i = 1; i < parts; i++) {
            int at = (int) ((long) whole * i / parts);
            if (!byRows && whole >= 64) at = (at + 8) / 16 * 16;
            b[i] = Math.max(b[i - 1] + 1, Math.min(at, whole - (parts - i)));
        }
        b[parts] = whole;
        return b;
    }

    /**
     * Row bounds of a split by rows: equal row counts for a dense batch; for a packed one (rows
     * sorted by decreasing length) equal shares of the rows' steps, so that the part with the long
     * sequences gets fewer rows and every part is busy for about as long.
     */
    static int[] rows(StepRows rows, int parts) {
        if (rows.dense) return of(rows.batch, parts, true);
        int batch = rows.batch;
        long[] before = new long[batch + 1];  // before[b]: the steps of rows [0, b)
        for (int b = 0; b < batch; b++) before[b + 1] = before[b] + rows.length(b);
        int[] bounds = new int[parts + 1];
        for (int i = 1; i < parts; i++) {
            long target = before[batch] * i / parts;
            int at = bounds[i - 1] + 1;
            while (at < batch && before[at] < target) at++;
            if (at > bounds[i - 1] + 1 && target - before[at - 1] < before[at] - target) at--;
            bounds[i] = Math.max(bounds[i - 1] + 1, Math.min(at, batch - (parts - i)));
        }
        bounds[parts] = batch;
        return bounds;
    }
}
