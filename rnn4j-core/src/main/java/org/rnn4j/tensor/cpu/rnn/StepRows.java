package org.rnn4j.tensor.cpu.rnn;

/**
 * Which batch rows each step of one scan direction runs, and where their values lie in the scan's
 * workspaces: a dense batch (every row runs every step) or a packed one (PyTorch's
 * {@code PackedSequence}: rows sorted by decreasing length, so at time t the first
 * {@code batchSizes[t]} rows run). A "row" of a workspace holds one batch row's values of one step.
 *
 * <ul>
 * <li><b>By time</b> (x, xp, dxp, the layer output): time t's rows start at {@link #timeRow}, as
 *     PyTorch packs data; the input projection and dW_ih are one GEMM over all {@link #total} rows.
 * <li><b>By step</b> (saved gates, hpre, dhp, dhAll): step s's rows start at {@link #inRow}(s).
 * <li><b>States</b> (h, c): slot s, the state step s reads, starts at {@link #inRow}(s) and holds
 *     {@link #rows}(s) rows, so h rows [0, total) are each step's previous state in by-step order
 *     (dW_hh is one GEMM of dhp against them). Step s writes row b's new state into slot s+1 when
 *     step s+1 reads it ({@code b < continuing(s)}), else into the final slot at
 *     {@code inRow(steps)}, which ends up holding every row's state after its own last step (h_n).
 * </ul>
 * The forward direction loses rows as t grows (a row whose sequence ended keeps its final state);
 * the reverse direction, which runs t = T-1 .. 0, gains them: row b joins at its own last time step,
 * from its initial state ({@link #joinFrom}). A dense batch has the plain [T, B] layouts: step s's
 * rows at s*B, the final slot at T*B.
 */
final class StepRows {
    /** T, B (the rows of the first step taken by the forward direction), and the rows of all steps. */
    final int steps, batch, total;
    /** Every step runs every row. */
    final boolean dense;
    /** Runs from the last time step to the first. */
    final boolean reverse;
    private final int[] rows;      // by step
    private final int[] stepRow;   // by step, steps + 1 entries
    private final int[] timeRow;   // by time
    private final Block[] blocks;  // by step: rows [0, rows(s)), units [0, hidden)

    private StepRows(int[] batchSizes, boolean reverse, boolean dense, int hidden) {
        this.steps = batchSizes.length;
        this.batch = steps == 0 ? 0 : batchSizes[0];
        this.reverse = reverse;
        this.dense = dense;
        rows = new int[steps];
        stepRow = new int[steps + 1];
        timeRow = new int[steps];
        blocks = new Block[steps];
        int at = 0;
        for (int t = 0; t < steps; t++) {
            timeRow[t] = at;
            at += batchSizes[t];
        }
        total = at;
        for (int s = 0; s < steps; s++) {
            rows[s] = batchSizes[time(s)];
            stepRow[s + 1] = stepRow[s] + rows[s];
            blocks[s] = s > 0 && rows[s] == rows[s - 1] ? blocks[s - 1] : new Block(0, rows[s], 0, hidden);
        }
    }

    /** Every one of {@code batch} rows at each of {@code steps} steps. */
    static StepRows dense(int steps, int batch, boolean reverse, int hidden) {
        int[] sizes = new int[steps];
        java.util.Arrays.fill(sizes, batch);
        return new StepRows(sizes, reverse, true, hidden);
    }

    /**
     * A packed batch: {@code batchSizes[t]} rows at time t, positive and non-increasing (the
     * caller checked them).
     */
    static StepRows packed(int[] batchSizes, boolean reverse, int hidden) {
        boolean same = true;
        for (int size : batchSizes) same &= size == batchSizes[0];
        return new StepRows(batchSizes.clone(), reverse, same, hidden);
    }

    /** The time index processed at step s. */
    int time(int s) {
        return reverse ? steps - 1 - s : s;
    }

    /** The rows step s runs: [0, rows(s)). */
    int rows(int s) {
        return rows[s];
    }

    /** The first row of step s in by-step arrays, and of state slot s; {@code inRow(steps)} is the final slot. */
    int inRow(int s) {
        return stepRow[s];
    }

    /** The first row of the time step s processes in by-time arrays. */
    int xRow(int s) {
        return timeRow[time(s)];
    }

    /** The rows whose new state step s+1 reads (the others' sequences end at step s). */
    int continuing(int s) {
        return s + 1 < steps ? Math.min(rows[s], rows[s + 1]) : 0;
    }

    /** The state row step s writes for batch row b (b < rows(s)). */
    int outRow(int s, int b) {
        return b < continuing(s) ? stepRow[s + 1] + b : stepRow[steps] + b;
    }

    /** Rows [joinFrom(s), rows(s)) start at step s, from the initial state. */
    int joinFrom(int s) {
        return s == 0 ? 0 : Math.min(rows[s - 1], rows[s]);
    }

    /** Rows [0, rows(s)) and units [0, hidden): the whole of step s. */
    Block block(int s) {
        return blocks[s];
    }

    /** How many steps batch row b runs (its sequence's length). */
    int length(int b) {
        int n = 0;
        for (int s = 0; s < steps; s++) if (rows[s] > b) n++;
        return n;
    }
}
