package org.rnn4j.tensor.cpu.rnn;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.rnn4j.tensor.cpu.gemm.Gemm;
import org.rnn4j.tensor.cpu.math.Elementwise;
import org.rnn4j.tensor.cpu.parallel.GemmPool;
import org.rnn4j.tensor.cpu.parallel.HelperThread;
import org.rnn4j.tensor.cpu.parallel.Threads;

/**
 * The time loops of {@link RecurrentScan} on several threads that keep their work for the whole
 * sequence ("persistent RNN", as cuDNN does on a GPU), split one of two ways:
 * <ul>
 * <li><b>by batch rows</b> (batches of at least {@link #minRowSplit}): the recurrence of each
 *     batch row is independent of the others, so thread k runs every step for its rows, with
 *     all of W_hh, and the threads never wait for each other until the end;
 * <li><b>by hidden units</b> (small batches, where the step is the streaming of W_hh): thread k
 *     owns a range of units: per step it multiplies h[s] [B, P] by its own slice of W_hh^T (the
 *     G gate columns of its units, [P, G*u], laid out once per call so that it stays in that
 *     core's L2), adds b_hh, runs the cell for its units ({@link CellKernel#forwardUnits}) and
 *     writes its part of h[s+1], c[s+1] and the saved gates. The threads then meet at a
 *     spinning barrier (about a microsecond) because step s+1 needs all of h[s+1].
 * </ul>
 *
 * <p>Each element is computed by the same operations in the same order as on the one-thread
 * path (each GEMM element the same fma chain over k, see {@link Gemm}), so the results are
 * bit-identical.
 *
 * <p>The calling thread does the first part, borrowed {@link HelperThread}s the others: up to
 * {@link Threads#count()} parts, fewer when the rows or units would get too few or helpers are
 * taken (by another caller's scan or product; with none free the scan takes the one-thread path).
 * {@code -Drnn4j.persistentScan=false} turns this path off. When to split is
 * {@link ScanThresholds#current()}.
 */
final class PersistentScan {
    private static final Elementwise EW = Elementwise.get();
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("rnn4j.persistentScan", "true"));
    /** Fewest batch rows per part of a row split. */
    static final int MIN_ROWS_PER_PART = 8;
    /** Fewest hidden units per part of a unit split (for H of at least 64; smaller H split in two). */
    static final int MIN_UNITS_PER_PART = 32;

    /**
     * Back-off after a scan whose threads spent much of their time waiting for each other (the
     * machine is oversubscribed, so one of them was descheduled): the next scans take the
     * one-thread path until this time (System.nanoTime), doubling on repeated failures.
     */
    private static volatile long backoffUntil = Long.MIN_VALUE;
    private static final long MIN_BACKOFF = 20_000_000L;
    private static final long MAX_BACKOFF = 2_000_000_000L;
    private static volatile long backoffNanos = MIN_BACKOFF;

    /** Scans run on this path so far, and of those split by rows (tests). */
    static final AtomicLong RUNS = new AtomicLong();
    static final AtomicLong ROW_RUNS = new AtomicLong();
    /** Scans run as one part on the caller ({@link #onePart}; tests). */
    static final AtomicLong ONE_PART_RUNS = new AtomicLong();

    private PersistentScan() {}

    /** Forgets any back-off (a new threshold regime). */
    static void resetBackoff() {
        backoffUntil = Long.MIN_VALUE;
        backoffNanos = MIN_BACKOFF;
    }

    /**
     * Runs the step loop of {@link RecurrentScan#forward} (st.xp, h[0] and c[0] already set) on
     * several threads, if that pays and helpers are free; returns false (nothing done) otherwise.
     */
    static boolean forward(CellKernel cell, ScanState st, ScanWeights w) {
        if (!ENABLED || st.hpre != null || st.steps == 0 || st.batch == 0 || !cell.hasUnitRangeForward()) {
            return false;
        }
        Task task = GemmPool.MAX_THREADS < 2 ? null : plan(cell, st, w, true);
        if (task == null) task = onePart(cell, st, w);
        if (task == null) return false;
        run(task);
        return true;
    }

    /**
     * A big packed scan that is not split runs as one part on the calling thread: its slice of
     * W_hh (all of it) is laid out once, where the one-thread loop's per-step GEMM would pack all
     * of W_hh at every step, however few rows are left (a packed batch's last steps run few).
     * Dense scans keep the loop. Null when the scan is dense or too small (the row split's work
     * threshold, so a test that forces the loop gets it).
     */
    private static Task onePart(CellKernel cell, ScanState st, ScanWeights w) {
        if (st.layout.dense) return null;
        long weights = (long) st.gates * st.hidden * st.outHidden;
        if (weights * st.total < ScanThresholds.current().minRowWork()) return null;
        return new Task(new Plan(cell, st, w, true, new int[] {0, st.batch}), new HelperThread[0]);
    }

    /**
     * Whether a scan of this size repays more threads (the thresholds only: not whether the
     * cell supports it, helpers are free or the machine has several cores).
     */
    static boolean worthSplitting(ScanState st, boolean rowsOk) {
        ScanThresholds t = ScanThresholds.current();
        long weights = (long) st.gates * st.hidden * st.outHidden;
        if (rowsOk && st.batch >= t.minRowSplit()) return weights * st.total >= t.minRowWork();
        return weights >= t.minWeights() || weights * st.batch >= t.minWork();
    }

    /** Whether {@link #forward} would run this scan on several threads (if helpers are free). */
    static boolean splitsForward(CellKernel cell, ScanState st) {
        return ENABLED && GemmPool.MAX_THREADS >= 2 && st.hpre == null && st.steps > 0 && st.batch > 0
                && cell.hasUnitRangeForward() && worthSplitting(st, true)
                && maxParts(st, byRows(st, true)) >= 2;
    }

    private static boolean byRows(ScanState st, boolean rowsOk) {
        return rowsOk && st.batch >= ScanThresholds.current().minRowSplit();
    }

    /** The most parts this scan can be cut into: by the rows or units each part needs, and the threads. */
    static int maxParts(ScanState st, boolean byRows) {
        int parts = byRows ? st.batch / MIN_ROWS_PER_PART : st.hidden >= 64 ? st.hidden / MIN_UNITS_PER_PART : 2;
        if (byRows && st.batch >= 2 && parts < 2) parts = 2;  // a forced small row split (tests)
        return Math.min(parts, Math.min(GemmPool.MAX_THREADS, byRows ? st.batch : st.hidden));
    }

    /**
     * The split for this scan (its helpers acquired), or null when one thread is better or no
     * helper is free. With rowsOk false only a split by units is considered.
     */
    private static Task plan(CellKernel cell, ScanState st, ScanWeights w, boolean rowsOk) {
        if (!worthSplitting(st, rowsOk)) return null;
        boolean byRows = byRows(st, rowsOk);
        if (backoffUntil != Long.MIN_VALUE && System.nanoTime() - backoffUntil < 0) return null;
        int wanted = maxParts(st, byRows) - 1;
        if (wanted < 1) return null;
        HelperThread[] helpers = new HelperThread[wanted];
        int got = HelperThread.acquire(wanted, helpers);
        if (got == 0) return null;
        int[] bounds = byRows ? PartBounds.rows(st.layout, got + 1) : PartBounds.of(st.hidden, got + 1, false);
        return new Task(new Plan(cell, st, w, byRows, bounds), java.util.Arrays.copyOf(helpers, got));
    }

    /**
     * Runs the step loop of {@link RecurrentScan#backward} without projection (dh[T] and dc[T]
     * already set in g, dOut as there) on several threads, if that pays and helpers are free;
     * returns false (nothing done) otherwise. Split by rows (not with peepholes, whose gradients
     * sum over the batch), each thread runs the whole loop for its rows. Split by units, per step
     * each thread adds dOut and runs the cell backward for its units
     * ({@link CellKernel#backwardUnits}); after a barrier (the product needs all of dhp[s]) each
     * computes its columns of dh[s] = direct + dhp[s] · W_hh from its own column slice of W_hh.
     * The next step's cell backward reads only the columns the same thread wrote, so one barrier
     * per step suffices. On return g.dh holds dL/dh0.
     */
    static boolean backward(CellKernel cell, ScanState st, ScanGrads g, ScanWeights w,
                            float[] dOut, int ldOut, int dOutCol) {
        if (!ENABLED || st.hpre != null || g.dhpre != null || st.steps == 0
                || st.batch == 0 || st.outHidden != st.hidden || !cell.hasUnitRangeBackward()) {
            return false;
        }
        Task task = GemmPool.MAX_THREADS < 2 ? null : plan(cell, st, w, g.dwci == null);
        if (task == null) task = onePart(cell, st, w);
        if (task == null) return false;
        task.backward = new BackwardArgs(g, dOut, ldOut, dOutCol);
        run(task);
        if ((st.steps & 1) != 0) {  // each step swapped the two buffers
            float[] tmp = g.dh;
            g.dh = g.dhNext;
            g.dhNext = tmp;
        }
        return true;
    }

    /** Runs a task on the caller and its helpers (acquired; released here). */
    private static void run(Task task) {
        try {
            long start = System.nanoTime();
            for (int i = 0; i < task.helpers.length; i++) {
                int part = i + 1;
                task.helpers[i].submit(() -> task.runHelper(part));
            }
            task.runCaller();
            if (task.helpers.length == 0) {  // one part (onePart): no waits to back off from
                ONE_PART_RUNS.incrementAndGet();
                return;
            }
            RUNS.incrementAndGet();
            if (task.plan.byRows()) ROW_RUNS.incrementAndGet();
            long wall = System.nanoTime() - start;
            // Normally each thread waits a microsecond or two per step; waiting more than half the
            // scan (on average) means one of them kept losing its core. Step 0 is not counted.
            if (task.totalWait() > wall * task.parts() / 2 && wall > 1_000_000L) {
                backoffUntil = System.nanoTime() + backoffNanos;
                backoffNanos = Math.min(MAX_BACKOFF, backoffNanos * 2);
            } else {
                backoffNanos = MIN_BACKOFF;
            }
        } finally {
            for (HelperThread h : task.helpers) h.release();  // runCaller waited for every part to end
        }
    }

    /** What a scan is split into: rows or units, at these bounds. */
    record Plan(CellKernel cell, ScanState st, ScanWeights w, boolean byRows, int[] bounds) {
        /** Part i's block of every step. */
        Block block(int i) {
            int from = bounds[i], to = bounds[i + 1];
            return byRows ? new Block(from, to, 0, st.hidden) : new Block(0, st.batch, from, to);
        }
    }

    /** The gradients and dOut of a backward scan, as {@link RecurrentScan#backward} has them. */
    record BackwardArgs(ScanGrads grads, float[] dOut, int ldOut, int dOutCol) {}

    /** Thrown in one thread when another failed: the other's exception is reported. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super("another scan thread failed", null, false, false);
        }
    }

    /** One scan: the plan, the helpers, every part's step counter (its own cache line) and waits. */
    static final class Task {
        /** Ints between two parts' counters: 64 bytes, so that no two share a cache line. */
        private static final int STRIDE = 16;
        final Plan plan;
        final HelperThread[] helpers;
        private final AtomicIntegerArray steps;
        private final AtomicLongArray waits;
        private final AtomicInteger helpersDone = new AtomicInteger();
        volatile boolean aborted;
        volatile Throwable failure;
        /** Backward only (null for forward). */
        BackwardArgs backward;

        Task(Plan plan, HelperThread[] helpers) {
            this.plan = plan;
            this.helpers = helpers;
            this.steps = new AtomicIntegerArray(parts() * STRIDE);
            this.waits = new AtomicLongArray(parts() * STRIDE / 2);
        }

        int parts() {
            return helpers.length + 1;
        }

        long totalWait() {
            long sum = 0;
            for (int i = 0; i < parts(); i++) sum += waits.get(i * STRIDE / 2);
            return sum;
        }

        /** Part 0 on the caller; returns once every helper has left the task. */
        void runCaller() {
            Throwable err = null;
            try {
                runPart(0);
            } catch (Throwable e) {
                err = e;
                aborted = true;
            }
            for (int spins = 0; helpersDone.get() < helpers.length; ) spins = HelperThread.pause(spins);
            Throwable f = failure;
            if (err == null || err instanceof Aborted) err = f != null ? f : err;
            if (err instanceof RuntimeException) throw (RuntimeException) err;
            if (err instanceof Error) throw (Error) err;
            if (err != null) throw new IllegalStateException(err);
        }

        /** Part {@code part} (1 ..) on a helper. */
        void runHelper(int part) {
            try {
                runPart(part);
            } catch (Aborted e) {
                // the failing thread reported its own exception
            } catch (Throwable e) {
                failure = e;
                aborted = true;
            } finally {
                helpersDone.incrementAndGet();
            }
        }

        private void runPart(int part) {
            Block block = plan.block(part);
            if (backward != null) {
                ColumnSlice slice = new ColumnSlice(plan.st(), plan.w(), block);
                try {
                    backwardSteps(slice, block, part);
                } finally {
                    slice.release();
                }
                return;
            }
            UnitSlice slice = new UnitSlice(plan.cell(), plan.st(), plan.w(), block);
            try {
                forwardSteps(slice, part);
            } finally {
                slice.release();
            }
        }

        /** Marks step {@code done} steps complete for this part and, split by units, waits for all parts to get there. */
        private long barrier(int part, int done, long waited) {
            steps.set(part * STRIDE, done);
            if (plan.byRows()) return waited;  // rows never read each other's state
            for (int other = 0; other < parts(); other++) {
                if (other == part || steps.get(other * STRIDE) >= done) continue;
                long t0 = System.nanoTime();
                int spins = 0;
                while (steps.get(other * STRIDE) < done) {
                    if (aborted) throw new Aborted();
                    spins = HelperThread.pause(spins);
                }
                if (done > 1) waited += System.nanoTime() - t0;  // step 0 includes the wake-up
            }
            return waited;
        }

        private void forwardSteps(UnitSlice slice, int part) {
            ScanState st = plan.st();
            long waited = 0;
            for (int s = 0; s < st.steps; s++) {
                if (aborted) throw new Aborted();
                slice.step(plan.cell(), st, s);  // nothing when this part's rows do not run at step s
                waited = barrier(part, s + 1, waited);
            }
            waits.set(part * STRIDE / 2, waited);
        }

        /**
         * The backward step loop for one block's rows and units (and columns of dh): cell
         * backward, barrier (split by units), then this block of the recurrent product.
         */
        private void backwardSteps(ColumnSlice slice, Block block, int part) {
            ScanState st = plan.st();
            StepRows rows = st.layout;
            ScanGrads g = backward.grads();
            float[] dOut = backward.dOut();
            float[] dh = g.dh;
            float[] dhNext = g.dhNext;
            int p = st.outHidden;
            int gh = st.gates * st.hidden;
            int b0 = block.b0(), j0 = block.j0(), j1 = block.j1();
            Block active = block;
            long waited = 0;
            for (int i = 0; i < st.steps; i++) {
                if (aborted) throw new Aborted();
                int s = st.steps - 1 - i;
                // This part's rows of the step: all of them split by units; split by rows, none
                // once a packed batch's rows here have all ended (forward direction) or not yet
                // started (reverse direction).
                int end = Math.min(block.b1(), rows.rows(s));
                if (end > b0) {
                    if (active.b1() != end) active = new Block(b0, end, j0, j1);
                    if (dOut != null) {
                        int xRow = rows.xRow(s);
                        for (int b = b0; b < end; b++) {
                            EW.add(dh, b * p + j0, dOut, (xRow + b) * backward.ldOut() + backward.dOutCol() + j0,
                                    dh, b * p + j0, j1 - j0);
                        }
                    }
                    plan.cell().backwardUnits(st, g, s, active, dh, dhNext);
                }
                waited = barrier(part, i + 1, waited);
                if (end > b0) slice.multiply(end - b0, g.dhp, rows.inRow(s) * gh, dhNext);
                float[] tmp = dh;
                dh = dhNext;
                dhNext = tmp;
                if (end > b0) g.keepInitialGrads(rows, s, active, dh, dhNext);
            }
            waits.set(part * STRIDE / 2, waited);
        }
    }
}
