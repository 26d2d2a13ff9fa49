package org.rnn4j.tasks.text;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a job in two halves at once: half 0 on the caller, half 1 on a second thread of its own,
 * for work split finer than a thread pool's hand-off (tens of microseconds per call). The second
 * thread spins for a millisecond after each job, then parks; {@link #close} stops it. With one
 * core both halves run on the caller. Not thread-safe: one caller at a time.
 */
final class HalfWorker implements AutoCloseable {
    private static final long SPIN_NANOS = 1_000_000;
    private static final long PARK_NANOS = 50_000;

    private final Thread thread; // null: one core, no second thread
    private final AtomicInteger posted = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile IntConsumer job;
    private volatile Throwable failure;
    private volatile boolean closed;
    private volatile boolean parked; // unpark (a system call) only a thread that may be parked

    HalfWorker() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            thread = null;
            return;
        }
        thread = new Thread(this::loop, "rnn4j-half-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code job.accept(0)} here and {@code job.accept(1)} on the second thread; returns when both are done. */
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
            while (finished.get() != n) Thread.onSpinWait();
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException e) throw e;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    private void loop() {
        int seen = 0;
        long idleSince = System.nanoTime();
        while (!closed) {
            int n = posted.get();
            if (n != seen) {
                try {
                    job.accept(1);
                } catch (Throwable t) {
                    failure = t;
                }
                seen = n;
                finished.set(n);
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
