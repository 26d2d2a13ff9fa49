package org.rnn4j.tensor.cpu.rnn;

import java.util.concurrent.atomic.AtomicLong;
import org.rnn4j.tensor.cpu.gemm.Gemm;
import org.rnn4j.tensor.cpu.math.Elementwise;
import org.rnn4j.tensor.cpu.parallel.GemmPool;
import org.rnn4j.tensor.cpu.parallel.HelperThread;

/**
 * The time loops of {@link RecurrentScan} on two threads that keep their work for the whole
 * sequence ("persistent RNN", as cuDNN does on a GPU), split one of two ways:
 * <ul>
 * <li><b>by batch rows</b> (batches of at least {@link #minRowSplit}): the recurrence of each
 *     batch row is independent of the others, so thread k runs every step for its rows, with
 *     all of W_hh, and the threads never wait for each other until the end;
 * <li><b>by hidden units</b> (small batches, where the step is the streaming of W_hh): thread k
 *     owns a range of units: per step it multiplies h[s] [B, P] by its own slice of W_hh^T (the
 *     G gate columns of its units, [P, G*u], laid out once per call so that it stays in that
 *     core's L2), adds b_hh, runs the cell for its units ({@link CellKernel#forwardUnits}) and
 *     writes its part of h[s+1], c[s+1] and the saved gates. The two threads then meet at a
 *     spinning barrier (about a microsecond) because step s+1 needs all of h[s+1].
 * </ul>
 *
 * <p>Each element is computed by the same operations in the same order as on the one-thread
 * path (each GEMM element the same fma chain over k, see {@link Gemm}), so the results are
 * bit-identical.
 *
 * <p>The calling thread does one half, the {@link HelperThread} the other. One scan or GEMM at
 * a time borrows it: a second caller meanwhile takes the one-thread path.
 * {@code -Drnn4j.persistentScan=false} turns this path off.
 */
final class PersistentScan {
    private static final Elementwise EW = Elementwise.get();
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("rnn4j.persistentScan", "true"));
    /**
     * When a step is worth a second thread (measured on a 2-core EPYC): when W_hh is too big
     * for one core's L2 to keep (G·H·P floats at least this many; then each half does stay in
     * its core's L2), or when the step's product is big enough that the one-thread path would
     * split it over GemmPool anyway ({@code G·H·P·B} multiply-adds at least {@link #minWork}).
     * A small cell with a modest batch (G·H·P·B = 4·64·64·32) measured slower on two threads:
     * its weights already stay in L2 and a step is a few microseconds. Mutable for tests.
     */
    static volatile long minWork = Long.getLong("rnn4j.persistentScan.minWork", 2 * Gemm.WORK_PER_THREAD);
    static volatile long minWeights = Long.getLong("rnn4j.persistentScan.minWeights", 1L << 16);
    /**
     * The smallest batch split by rows (each thread then has at least half of it); smaller
     * batches are split by units. Mutable for tests.
     */
    static volatile int minRowSplit = Integer.getInteger("rnn4j.persistentScan.minRowSplit", 16);
    /**
     * Multiply-adds of a whole row-split scan (T·B·G·H·P) below which one thread is faster:
     * handing work to the helper costs up to tens of microseconds when it is parked.
     */
    static volatile long minRowWork = Long.getLong("rnn4j.persistentScan.minRowWork", 1L << 21);

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

    private PersistentScan() {}

    /** Forgets any back-off (tests). */
    static void resetBackoff() {
        backoffUntil = Long.MIN_VALUE;
        backoffNanos = MIN_BACKOFF;
    }

    /**
     * Runs the step loop of {@link RecurrentScan#forward} (st.xp, h[0] and c[0] already set) on
     * two threads, if that pays and the helper is free; returns false (nothing done) otherwise.
     */
    static boolean forward(CellKernel cell, ScanState st, ScanWeights w) {
        if (!ENABLED || GemmPool.MAX_THREADS < 2 || st.hpre != null || st.steps == 0 || st.batch == 0
                || !cell.hasUnitRangeForward()) {
            return false;
        }
        Task task = plan(cell, st, w, true);
        if (task == null) return false;
        run(task);
        return true;
    }

    /**
     * Whether a scan of this size repays a second thread (the thresholds only: not whether the
     * cell supports it, the helper is free or the machine has two cores).
     */
    static boolean worthSplitting(ScanState st, boolean rowsOk) {
        long weights = (long) st.gates * st.hidden * st.outHidden;
        if (rowsOk && st.batch >= minRowSplit) return weights * st.batch * st.steps >= minRowWork;
        return weights >= minWeights || weights * st.batch >= minWork;
    }

    /** Whether {@link #forward} would run this scan on two threads (if the helper is free). */
    static boolean splitsForward(CellKernel cell, ScanState st) {
        return ENABLED && GemmPool.MAX_THREADS >= 2 && st.hpre == null && st.steps > 0 && st.batch > 0
                && cell.hasUnitRangeForward() && worthSplitting(st, true)
                && splitPoint(st, st.batch >= minRowSplit) > 0;
    }

    /**
     * The split for this scan (the helper thread then acquired), or null when one thread is
     * better or the helper is busy. With rowsOk false only a split by units is considered.
     */
    private static Task plan(CellKernel cell, ScanState st, ScanWeights w, boolean rowsOk) {
        if (!worthSplitting(st, rowsOk)) return null;
        boolean byRows = rowsOk && st.batch >= minRowSplit;
        if (backoffUntil != Long.MIN_VALUE && System.nanoTime() - backoffUntil < 0) return null;
        int split = splitPoint(st, byRows);
        if (split <= 0) return null;
        if (!HelperThread.tryAcquire()) return null;
        return new Task(cell, st, w, split, byRows);
    }

    /** Where the helper's rows or units start, or 0 if the scan cannot be split so. */
    private static int splitPoint(ScanState st, boolean byRows) {
        int split = byRows ? st.batch / 2 : split(st.hidden);
        int whole = byRows ? st.batch : st.hidden;
        return split > 0 && split < whole ? split : 0;
    }

    /**
     * Runs the step loop of {@link RecurrentScan#backward} without projection (dh[T] and dc[T]
     * already set in g, dOut as there) on two threads, if that pays and the helper is free;
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
        if (!ENABLED || GemmPool.MAX_THREADS < 2 || st.hpre != null || g.dhpre != null || st.steps == 0
                || st.batch == 0 || st.outHidden != st.hidden || !cell.hasUnitRangeBackward()) {
            return false;
        }
        Task task = plan(cell, st, w, g.dwci == null);
        if (task == null) return false;
        task.grads = g;
        task.dOut = dOut;
        task.ldOut = ldOut;
        task.dOutCol = dOutCol;
        run(task);
        if ((st.steps & 1) != 0) {  // each step swapped the two buffers
            float[] tmp = g.dh;
            g.dh = g.dhNext;
            g.dhNext = tmp;
        }
        return true;
    }

    /** Runs a task on the caller and the helper thread (acquired; released here). */
    private static void run(Task task) {
        try {
            long start = System.nanoTime();
            HelperThread.submit(task);
            task.runCaller();
            RUNS.incrementAndGet();
            if (task.byRows) ROW_RUNS.incrementAndGet();
            long wall = System.nanoTime() - start;
            // Normally each thread waits a microsecond or two per step; waiting more than half the
            // scan (on average) means one of them kept losing its core. Step 0 is not counted.
            if (task.callerWait + task.helperWait > wall && wall > 1_000_000L) {
                backoffUntil = System.nanoTime() + backoffNanos;
                backoffNanos = Math.min(MAX_BACKOFF, backoffNanos * 2);
            } else {
                backoffNanos = MIN_BACKOFF;
            }
        } finally {
            HelperThread.release();  // the task has ended on the helper: runCaller waited for it
        }
    }

    /**
     * Where the second range starts: near H/2, at a multiple of 16 floats (a cache line) when
     * H is large enough, so the two threads never write the same line of h, c or saved.
     */
    static int split(int hidden) {
        int half = hidden / 2;
        if (hidden >= 64) half = (half + 8) / 16 * 16;
        return half;
    }

    /** One scan: what both threads read, and their step counters. */
    static final class Task implements Runnable {
        final CellKernel cell;
        final ScanState st;
        final ScanWeights w;
        /** Where the helper's range starts: a batch row (byRows) or a hidden unit. */
        final int split;
        final boolean byRows;
        // Padding keeps the two counters (each written by one thread) on separate lines.
        long p0, p1, p2, p3, p4, p5, p6, p7;
        volatile int callerStep;
        long q0, q1, q2, q3, q4, q5, q6, q7;
        volatile int helperStep;
        long r0, r1, r2, r3, r4, r5, r6, r7;
        volatile boolean aborted;
        /** Nanoseconds each thread spent waiting at the step barrier (after a first miss). */
        long callerWait;
        volatile long helperWait;
        volatile boolean helperDone;
        volatile Throwable failure;
        /** Backward only (null for forward): the gradients and dOut as RecurrentScan.backward has them. */
        ScanGrads grads;
        float[] dOut;
        int ldOut, dOutCol;

        Task(CellKernel cell, ScanState st, ScanWeights w, int split, boolean byRows) {
            this.cell = cell;
            this.st = st;
            this.w = w;
            this.split = split;
            this.byRows = byRows;
        }

        /** The caller's half (rows or units [0, split)); returns once the helper has left the task. */
        void runCaller() {
            Throwable err = null;
            try {
                run(0, split, false);
            } catch (Throwable e) {
                err = e;
                aborted = true;
            }
            awaitHelperDone();
            Throwable f = failure;
            if (err == null && f != null) err = f;
            if (err instanceof RuntimeException) throw (RuntimeException) err;
            if (err instanceof Error) throw (Error) err;
            if (err != null) throw new IllegalStateException(err);
        }

        /** The helper's half (rows or units [split, end)). */
        @Override
        public void run() {
            try {
                run(split, byRows ? st.batch : st.hidden, true);
            } catch (Throwable e) {
                failure = e;
                aborted = true;
            } finally {
                helperDone = true;
            }
        }

        private void awaitHelperDone() {
            int spins = 0;
            while (!helperDone) spins = HelperThread.pause(spins);
        }

        /** The step loop for rows or units [from, to). */
        private void run(int from, int to, boolean isHelper) {
            int b0 = byRows ? from : 0;
            int b1 = byRows ? to : st.batch;
            int j0 = byRows ? 0 : from;
            int j1 = byRows ? st.hidden : to;
            if (grads != null) {
                runBackward(b0, b1, j0, j1, isHelper);
                return;
            }
            UnitSlice slice = new UnitSlice(cell, st, w, b0, b1, j0, j1);
            try {
                forwardSteps(slice, isHelper);
            } finally {
                slice.release();
            }
        }

        private void forwardSteps(UnitSlice slice, boolean isHelper) {
            long waited = 0;
            for (int s = 0; s < st.steps; s++) {
                if (aborted) throw new Aborted();
                slice.step(cell, st, s);
                if (byRows) continue;  // rows never read each other's state
                if (isHelper) helperStep = s + 1; else callerStep = s + 1;
                if ((isHelper ? callerStep : helperStep) <= s) {
                    long t0 = System.nanoTime();
                    int spins = 0;
                    while ((isHelper ? callerStep : helperStep) <= s) {
                        if (aborted) throw new Aborted();
                        spins = HelperThread.pause(spins);
                    }
                    if (s > 0) waited += System.nanoTime() - t0;  // step 0 includes the wake-up
                }
            }
            if (isHelper) helperWait = waited; else callerWait = waited;
        }

        /**
         * The backward step loop for rows [b0, b1) and units (and columns of dh) [j0, j1): cell
         * backward, barrier (split by units), then this thread's block of the recurrent product.
         */
        private void runBackward(int b0, int b1, int j0, int j1, boolean isHelper) {
            ColumnSlice slice = new ColumnSlice(st, w, b0, b1, j0, j1);
            try {
                backwardSteps(slice, b0, b1, j0, j1, isHelper);
            } finally {
                slice.release();
            }
        }

        private void backwardSteps(ColumnSlice slice, int b0, int b1, int j0, int j1, boolean isHelper) {
            Block block = new Block(b0, b1, j0, j1);
            ScanGrads g = grads;
            float[] dh = g.dh;
            float[] dhNext = g.dhNext;
            int bsz = st.batch;
            int p = st.outHidden;
            int gh = st.gates * st.hidden;
            long waited = 0;
            for (int i = 0; i < st.steps; i++) {
                if (aborted) throw new Aborted();
                int s = st.steps - 1 - i;
                if (dOut != null) {
                    int t = st.time(s);
                    for (int b = b0; b < b1; b++) {
                        EW.add(dh, b * p + j0, dOut, (t * bsz + b) * ldOut + dOutCol + j0, dh, b * p + j0, j1 - j0);
                    }
                }
                cell.backwardUnits(st, g, s, block, dh, dhNext);
                if (isHelper) helperStep = i + 1; else callerStep = i + 1;
                if (!byRows && (isHelper ? callerStep : helperStep) <= i) {
                    long t0 = System.nanoTime();
                    int spins = 0;
                    while ((isHelper ? callerStep : helperStep) <= i) {
                        if (aborted) throw new Aborted();
                        spins = HelperThread.pause(spins);
                    }
                    if (i > 0) waited += System.nanoTime() - t0;  // step 0 includes the wake-up
                }
                slice.multiply(g.dhp, s * bsz * gh, dhNext);
                float[] tmp = dh;
                dh = dhNext;
                dhNext = tmp;
            }
            if (isHelper) helperWait = waited; else callerWait = waited;
        }
    }

    /** Thrown in one thread when the other failed: the other's exception is reported. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super("the other scan thread failed", null, false, false);
        }
    }
}
