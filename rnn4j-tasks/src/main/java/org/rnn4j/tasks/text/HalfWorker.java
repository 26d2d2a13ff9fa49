package org.rnn4j.tasks.text;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a job in two halves at once: half 0 on the caller, half 1 on a second thread of its own,
 * for work split finer than a thread pool's hand-off (tens of microseconds per call). The second
 * thread spins for a millisecond after each job, then parks; {@link #close} stops it. With one
 * core both halves run on the caller. Not thread-safe: one caller at a time.
 *
 * <p>Half 1 belongs to whichever thread claims it first: the second thread as soon as it sees the
 * job, or the caller, once done with half 0, if half 1 is still unclaimed after
 * {@link #STEAL_NANOS}. So a second thread that the scheduler has put aside (on two cores, while
 * the JIT compiler runs) costs the caller one half's time, not a scheduler time slice.
 */
final class HalfWorker implements AutoCloseable {
    private static final long SPIN_NANOS = 1_000_000;
    private static final long PARK_NANOS = 50_000;
    /** How long the caller waits for the second thread to claim half 1 before running it itself. */
    static final long STEAL_NANOS = 50_000;

    private final Thread thread; // null: one core, no second thread
    private final AtomicInteger posted = new AtomicInteger();
    private final AtomicInteger claimed = new AtomicInteger();  // the last job whose half 1 has an owner
    private final AtomicInteger finished = new AtomicInteger(); // the last job whose half 1 the second thread ran
    private volatile IntConsumer job;
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile boolean parked; // unpark (a system call) only a thread that may be parked
    private long stolen;             // jobs whose half 1 the caller ran (for tests)

    HalfWorker() {
        this(true);
    }

    /** {@code start} false (for tests): the second thread is made but never started, so the caller runs every half 1. */
    HalfWorker(boolean start) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            thread = null;
            return;
        }
        thread = new Thread(this::loop, "rnn4j-half-worker");
        thread.setDaemon(true);
        if (start) thread.start();
    }

    /** Runs {@code job.accept(0)} here and {@code job.accept(1)} on the second thread (or here); returns when both are done. */
    void run(IntConsumer job) {
        if (closed) throw new IllegalStateException("HalfWorker: closed");
        if (thread == null) {
            job.accept(0);
            job.accept(1);
            return;
        }
        this.job = job;
        int n = posted.incrementAndGet();
        if (parked) LockSupport.unpark(thread);
        try {
            job.accept(0);
        } finally {
            awaitHalf1(job, n);
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException e) throw e;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    /** Waits for job n's half 1, running it here if the second thread has not claimed it in time. */
    private void awaitHalf1(IntConsumer job, int n) {
        long since = System.nanoTime();
        while (finished.get() != n) {
            if (claimed.get() != n && System.nanoTime() - since > STEAL_NANOS && claimed.compareAndSet(n - 1, n)) {
                stolen++;
                try {
                    job.accept(1);
                } catch (Throwable t) {
                    failure = t;
                }
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** How many jobs' half 1 ran on the caller because the second thread had not claimed it. */
    long stolen() {
        return stolen;
    }

    private void loop() {
        int seen = 0;
        long idleSince = System.nanoTime();
        while (!closed) {
            int n = posted.get();
            if (n != seen) {
                seen = n;
                if (claimed.compareAndSet(n - 1, n)) { // else the caller took it
                    try {
                        job.accept(1);
                    } catch (Throwable t) {
                        failure = t;
                    }
                    finished.set(n);
                }
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                parked = true;
                if (posted.get() == seen && !closed) LockSupport.parkNanos(PARK_NANOS);
                parked = false;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) LockSupport.unpark(thread);
    }
}
