package org.rnn4j.tensor.cpu.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The worker threads for large GEMMs, besides the caller (which always works too): first the
 * {@link HelperThread} that the persistent scans use as well, so that a step keeps to two busy
 * threads on two cores; then, for more threads or while that one is borrowed, a daemon
 * ForkJoinPool of {@code availableProcessors() - 1} workers. Both are created on first use, so
 * programs that only multiply small matrices never start a thread.
 *
 * <p>Chunks are claimed from a counter rather than assigned: when the workers are late
 * (asleep, or busy with another caller's GEMM) the caller simply runs the remaining chunks
 * itself and never waits for a chunk nobody has started. Which thread runs a chunk does not
 * change its result. The caller then spins for the chunks still running ({@link
 * HelperThread#pause}): a parked caller took tens of microseconds to wake, as long as a whole
 * small product.
 */
public final class GemmPool {
    /** Most threads (caller included) a single GEMM will use. */
    public static final int MAX_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private GemmPool() {}

    private static final class Holder {
        static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, MAX_THREADS - 1), pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("rnn4j-gemm-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /**
     * Runs {@code body(0 .. chunks-1)}, each exactly once, on the caller and up to threads-1
     * pool workers; returns when all have finished. Chunks are claimed in increasing order.
     */
    public static void run(int chunks, int threads, IntConsumer body) {
        if (chunks <= 1) {
            if (chunks == 1) body.accept(0);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int chunk; (chunk = next.getAndIncrement()) < chunks; ) {
                try {
                    body.accept(chunk);
                } catch (Throwable e) {
                    if (!failure.compareAndSet(null, e)) failure.get().addSuppressed(e);
                } finally {
                    finished.incrementAndGet();
                }
            }
        };
        int helpers = Math.min(Math.min(chunks, threads), MAX_THREADS) - 1;
        boolean borrowed = helpers > 0 && HelperThread.tryAcquire();
        try {
            if (borrowed) HelperThread.submit(worker);
            for (int h = borrowed ? 1 : 0; h < helpers; h++) Holder.POOL.execute(worker);
            worker.run();
            // Chunks in flight on other threads write into the caller's C: always let them finish.
            for (int spins = 0; finished.get() < chunks; ) spins = HelperThread.pause(spins);
        } finally {
            // Every chunk is done: the worker, should the helper start it only now, finds none.
            if (borrowed) HelperThread.release();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException) throw (RuntimeException) e;
        if (e instanceof Error) throw (Error) e;
        if (e != null) throw new IllegalStateException(e);
    }
}
