package org.rnn4j.tasks.text;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a job in two halves at once: half 0 on the caller, half 1 on a second thread of its own,
 * for work split finer than a thread pool's hand-off (tens of microseconds per call). After each
 * job the second thread spins for 200 us, then spins yielding its core to any other thread ready
 * there (the JIT compiler, say) for up to 50 ms, then parks: a parked thread on a virtual machine
 * can take longer to wake than a job takes. {@link #close} stops it. With one core both halves
 * run on the caller. Not thread-safe: one caller at a time.
 *
 * <p>Half 1 belongs to whichever thread claims it first: the second thread as soon as it sees the
 * job, or the caller, once done with half 0, if half 1 is still unclaimed after
 * {@link #STEAL_NANOS}. So a second thread that the scheduler has put aside (on two cores, while
 * the JIT compiler runs) costs the caller one half's time, not a scheduler time slice.
 *
 * <p>The caller runs a job whole, without posting it, when waiting would not pay:
 * <ul>
 *   <li>while the second thread is not spinning (not started yet, or parked): the caller asks it
 *       to wake and goes on alone until it is up, since waking a parked thread on a virtual
 *       machine's idle core can take longer than the wait;</li>
 *   <li>for {@link #FIRST_BACKOFF} jobs after a steal, doubled for each steal in a row up to
 *       {@link #MAX_BACKOFF}, halved for each job the second thread does run: while the compiler
 *       holds the other core, every posted job would cost the caller the wait, and its L2 both
 *       halves' data.</li>
 * </ul>
 * Measured on two cores while the JIT compiled the sampler: 600-750 us a character with every
 * half 1 stolen after its wait, against 65 us a character with both threads running.
 */
final class HalfWorker implements AutoCloseable {
    /** Idle this long, the second thread spins yielding its core to any other thread ready to run there. */
    private static final long YIELD_NANOS = 200_000;
    /** Idle this long, it parks. */
    private static final long SPIN_NANOS = 50_000_000;
    private static final long PARK_NANOS = 50_000;
    /** How long the caller waits for the second thread to claim half 1 before running it itself. */
    static final long STEAL_NANOS = 50_000;
    /** Jobs the caller runs whole after a steal; doubled per steal in a row. */
    static final int FIRST_BACKOFF = 16;
    static final int MAX_BACKOFF = 1024;

    private final Thread thread; // null: one core, no second thread
    private final AtomicInteger posted = new AtomicInteger();
    private final AtomicInteger claimed = new AtomicInteger();  // the last job whose half 1 has an owner
    private final AtomicInteger finished = new AtomicInteger(); // the last job whose half 1 the second thread ran
    private volatile IntConsumer job;
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile boolean parked;   // unpark (a system call) only a thread that may be parked
    private volatile boolean spinning; // the second thread is up and watching for jobs
    private volatile boolean wakeAsked; // the caller has asked a parked second thread to spin again
    private long stolen;               // jobs whose half 1 the caller ran after waiting for it (for tests)
    private long whole;                // jobs the caller ran whole without posting them (for tests)
    private int backoff;               // jobs to run whole after the next steal, over 2; 0: none
    private int wholeLeft;             // jobs still to run whole after the last steal

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

    /** Starts the second thread of a worker made with {@code start} false (for tests). */
    void startThread() {
        thread.start();
    }

    /** Makes a worker made with {@code start} false look spinning, so that the caller posts to it (for tests). */
    void seemSpinning() {
        spinning = true;
    }

    /** Runs {@code job.accept(0)} here and {@code job.accept(1)} on the second thread (or here); returns when both are done. */
    void run(IntConsumer job) {
        if (closed) throw new IllegalStateException("HalfWorker: closed");
        if (thread == null) {
            job.accept(0);
            job.accept(1);
            return;
        }
        if (wholeLeft > 0 || !spinning) {
            if (wholeLeft > 0) {
                wholeLeft--;
            } else if (!wakeAsked) {
                wakeAsked = true;
                LockSupport.unpark(thread);
            }
            whole++;
            job.accept(0);
            job.accept(1);
            return;
        }
        this.job = job;
        int n = posted.incrementAndGet();
        if (parked) LockSupport.unpark(thread);
        Throwable half0 = null;
        try {
            job.accept(0);
        } catch (RuntimeException | Error e) {
            half0 = e;
        }
        if (awaitHalf1(job, n)) {
            backoff = Math.min(MAX_BACKOFF, Math.max(FIRST_BACKOFF, 2 * backoff));
            wholeLeft = backoff;
        } else {
            backoff /= 2;
        }
        Throwable half1 = failure;
        failure = null; // taken now, whichever half threw: never thrown by a later job
        if (half0 != null && half1 != null) half0.addSuppressed(half1);
        Throwable f = half0 != null ? half0 : half1;
        if (f instanceof RuntimeException e) throw e;
        if (f instanceof Error e) throw e;
        if (f != null) throw new IllegalStateException(f);
    }

    /** Waits for job n's half 1, running it here if the second thread has not claimed it in time; true if it did. */
    private boolean awaitHalf1(IntConsumer job, int n) {
        long since = System.nanoTime();
        while (finished.get() != n) {
            if (claimed.get() != n && System.nanoTime() - since > STEAL_NANOS && claimed.compareAndSet(n - 1, n)) {
                stolen++;
                try {
                    job.accept(1);
                } catch (Throwable t) {
                    failure = t;
                }
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** How many jobs' half 1 ran on the caller because the second thread had not claimed it. */
    long stolen() {
        return stolen;
    }

    /** How many jobs ran whole on the caller, unposted, because the second thread was not spinning or after a steal. */
    long whole() {
        return whole;
    }

    private void loop() {
        int seen = 0;
        long idleSince = System.nanoTime();
        spinning = true;
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
            } else if (wakeAsked) {
                wakeAsked = false;
                spinning = true;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < YIELD_NANOS) {
                Thread.onSpinWait();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.yield();
            } else {
                spinning = false;
                parked = true;
                if (posted.get() == seen && !wakeAsked && !closed) LockSupport.parkNanos(PARK_NANOS);
                parked = false;
            }
        }
        spinning = false;
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) LockSupport.unpark(thread);
    }
}
