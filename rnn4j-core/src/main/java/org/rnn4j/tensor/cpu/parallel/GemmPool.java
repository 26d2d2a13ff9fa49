package org.rnn4j.tensor.cpu.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the chunks of a split GEMM (or of any work cut into independent chunks) on the caller and
 * the free {@link HelperThread}s. Chunks are claimed from a counter rather than assigned: when
 * helpers are late (asleep) or taken (by another caller's scan or product) the caller simply
 * runs the remaining chunks itself and never waits for a chunk nobody has started. Which thread
 * runs a chunk does not change its result. The caller then spins for the chunks still running
 * ({@link HelperThread#pause}): a parked caller took tens of microseconds to wake, as long as a
 * whole small product.
 */
public final class GemmPool {
    /** Most threads (caller included) a single GEMM will use: {@link Threads#count()}. */
    public static final int MAX_THREADS = Threads.count();

    private GemmPool() {}

    /**
     * Runs {@code body(0 .. chunks-1)}, each exactly once, on the caller and up to threads-1
     * helpers; returns when all have finished. Chunks are claimed in increasing order.
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
        int wanted = Math.min(Math.min(chunks, threads), MAX_THREADS) - 1;
        HelperThread[] helpers = new HelperThread[Math.max(0, wanted)];
        int got = wanted > 0 ? HelperThread.acquire(wanted, helpers) : 0;
        try {
            for (int h = 0; h < got; h++) helpers[h].submit(worker);
            worker.run();
            // Chunks in flight on other threads write into the caller's C: always let them finish.
            for (int spins = 0; finished.get() < chunks; ) spins = HelperThread.pause(spins);
        } finally {
            // Every chunk is done: a worker that starts only now finds none.
            for (int h = 0; h < got; h++) helpers[h].release();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException) throw (RuntimeException) e;
        if (e instanceof Error) throw (Error) e;
        if (e != null) throw new IllegalStateException(e);
    }
}
