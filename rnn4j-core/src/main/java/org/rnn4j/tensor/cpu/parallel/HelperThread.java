package org.rnn4j.tensor.cpu.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The one spare thread ("rnn4j-helper", a daemon started on first use) that a persistent scan
 * ({@link PersistentScan}) or a split GEMM ({@link GemmPool}) borrows for its second half.
 * Sharing one thread keeps a training step at two busy threads on a two-core machine, the
 * caller and this one; with a scan helper and a ForkJoinPool worker each spinning in turn,
 * three threads took turns on two cores (measured, batch-1 LSTM inference: 1.28 -> 1.12 ms
 * per step once the GEMMs borrowed this thread too).
 *
 * <p>One borrower at a time: {@link #tryAcquire} takes the thread if it is free (false: the
 * caller does the work another way), {@link #submit} hands it one job, {@link #release} lets
 * the next borrower in. A borrower must not release before its job can do nothing more: the
 * job may start late (after the borrower has done all the work itself) or never, when the next
 * borrower's job replaces it before the thread looked.
 *
 * <p>While idle the thread spins for {@link #IDLE_SPIN_NANOS} (a training step's next product
 * or scan usually comes sooner), then parks.
 */
public final class HelperThread extends Thread {
    /** How long the idle thread spins for the next job before it parks. */
    private static final long IDLE_SPIN_NANOS = 20_000;
    /**
     * Spins (Thread.onSpinWait, about 80 µs here) before a waiting thread starts yielding, then
     * sleeping. Waits between the two threads are microseconds; a longer one usually means both
     * threads were put on one core, where spinning only spends the time slice the other thread
     * needs. With 65536 spins 3 of 16 lstm-small runs took a slow mode (1.45-1.55 ms against
     * 1.14), with 4096 none of 16; lstm-medium training measured even (106.5 vs 107.2 ms).
     */
    private static final int SPINS = 1 << 12;
    private static final int YIELDS = 1 << 10;
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static volatile HelperThread instance;  // written under BUSY

    /** The job not yet started; taken with getAndSet so that a job submitted is never dropped by the taking. */
    private final AtomicReference<Runnable> next = new AtomicReference<>();

    private HelperThread() {
        super("rnn4j-helper");
        setDaemon(true);
    }

    /** Takes the thread for one job if no other borrower holds it. */
    public static boolean tryAcquire() {
        return BUSY.compareAndSet(false, true);
    }

    /** Starts {@code job} on the thread (acquired by the caller). */
    public static void submit(Runnable job) {
        HelperThread t = instance;
        if (t == null) {
            t = instance = new HelperThread();
            t.start();
        }
        t.next.set(job);
        LockSupport.unpark(t);
    }

    /** Ends the caller's hold (see the class comment for when that is allowed). */
    public static void release() {
        BUSY.set(false);
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
     * One round of waiting for the other thread: call as {@code spins = pause(spins)} until
     * the condition holds. Bounded spin, then yields, then short sleeps (when the machine is
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
