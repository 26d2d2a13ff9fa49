package org.rnn4j.tensor.cpu.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The spare threads ("rnn4j-helper-N", daemons started on first use) that persistent scans and
 * split GEMMs borrow: {@link Threads#count()} - 1 of them, so that the callers' work and theirs
 * keep to one busy thread per core. Sharing them between scans and GEMMs matters: with a scan
 * helper and a separate GEMM pool each spinning in turn, three threads took turns on two cores
 * (measured, batch-1 LSTM inference: 1.28 -> 1.12 ms per step once the GEMMs borrowed the scan's
 * helper too).
 *
 * <p>Each helper has one borrower at a time: {@link #acquire} takes free helpers (possibly fewer
 * than asked: the caller then splits its work fewer ways), {@link #submit} hands one a job,
 * {@link #release} lets the next borrower in. A borrower must not release before its job can do
 * nothing more: the job may start late (after the borrower has done all the work itself) or
 * never, when the next borrower's job replaces it before the thread looked.
 *
 * <p>While idle a helper spins for {@link #IDLE_SPIN_NANOS} (a training step's next product or
 * scan usually comes sooner), then parks.
 */
public final class HelperThread extends Thread {
    /** How long an idle helper spins for the next job before it parks. */
    private static final long IDLE_SPIN_NANOS = 20_000;
    /**
     * Spins (Thread.onSpinWait, about 80 µs here) before a waiting thread starts yielding, then
     * sleeping. Waits between threads are microseconds; a longer one usually means two threads
     * were put on one core, where spinning only spends the time slice the other thread needs.
     * With 65536 spins 3 of 16 lstm-small runs took a slow mode (1.45-1.55 ms against 1.14),
     * with 4096 none of 16; lstm-medium training measured even (106.5 vs 107.2 ms).
     */
    private static final int SPINS = 1 << 12;
    private static final int YIELDS = 1 << 10;
    private static final HelperThread[] ALL = new HelperThread[Threads.count() - 1];

    private final AtomicBoolean busy = new AtomicBoolean();
    /** The job not yet started; taken with getAndSet so that a job submitted is never dropped by the taking. */
    private final AtomicReference<Runnable> next = new AtomicReference<>();
    private volatile boolean started;

    private HelperThread(int index) {
        super("rnn4j-helper-" + index);
        setDaemon(true);
    }

    /** How many helpers exist: {@link Threads#count()} - 1. */
    public static int count() {
        return ALL.length;
    }

    /**
     * Takes up to {@code wanted} free helpers into {@code into} (from index 0) and returns how
     * many it took; each must be {@link #release}d.
     */
    public static int acquire(int wanted, HelperThread[] into) {
        int got = 0;
        for (int i = 0; i < ALL.length && got < wanted; i++) {
            HelperThread h = helper(i);
            if (h.busy.compareAndSet(false, true)) into[got++] = h;
        }
        return got;
    }

    private static HelperThread helper(int i) {
        HelperThread h = ALL[i];
        if (h == null) {
            synchronized (ALL) {
                h = ALL[i];
                if (h == null) h = ALL[i] = new HelperThread(i);
            }
        }
        return h;
    }

    /** Starts {@code job} on this helper (acquired by the caller). */
    public void submit(Runnable job) {
        if (!started) {
            synchronized (this) {
                if (!started) {
                    start();
                    started = true;
                }
            }
        }
        next.set(job);
        LockSupport.unpark(this);
    }

    /** Ends the caller's hold (see the class comment for when that is allowed). */
    public void release() {
        busy.set(false);
    }

    @Override
    public void run() {
        while (true) {
            if (next.get() == null) {
                long until = System.nanoTime() + IDLE_SPIN_NANOS;
                while (next.get() == null && System.nanoTime() < until) Thread.onSpinWait();
                while (next.get() == null) LockSupport.park(this);
            }
            Runnable job = next.getAndSet(null);
            try {
                job.run();
            } catch (Throwable e) {
                // A job reports its own failures to its borrower; this thread must survive any.
            }
        }
    }

    /**
     * One round of waiting for another thread: call as {@code spins = pause(spins)} until the
     * condition holds. Bounded spin, then yields, then short sleeps (when the machine is
     * oversubscribed and the other thread has lost its core).
     */
    public static int pause(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
        } else if (spins < SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(50_000);
            return spins;
        }
        return spins + 1;
    }
}
