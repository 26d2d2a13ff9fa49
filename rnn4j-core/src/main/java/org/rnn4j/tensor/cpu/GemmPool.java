package org.rnn4j.tensor.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The shared worker threads for large GEMMs: one daemon ForkJoinPool with
 * {@code availableProcessors() - 1} workers, because the calling thread always works too.
 * Created on first use, so programs that only multiply small matrices never start a thread.
 *
 * <p>Chunks are claimed from a counter rather than assigned: when the workers are late
 * (asleep, or busy with another caller's GEMM) the caller simply runs the remaining chunks
 * itself and never waits for a chunk nobody has started. Which thread runs a chunk does not
 * change its result.
 */
final class GemmPool {
    /** Most threads (caller included) a single GEMM will use. */
    static final int MAX_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

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
    static void run(int chunks, int threads, IntConsumer body) {
        if (chunks <= 1) {
            if (chunks == 1) body.accept(0);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int chunk; (chunk = next.getAndIncrement()) < chunks; ) {
                try {
                    body.accept(chunk);
                } catch (Throwable e) {
                    if (!failure.compareAndSet(null, e)) failure.get().addSuppressed(e);
                } finally {
                    finished.countDown();
                }
            }
        };
        int helpers = Math.min(Math.min(chunks, threads), MAX_THREADS) - 1;
        for (int h = 0; h < helpers; h++) Holder.POOL.execute(worker);
        worker.run();
        awaitUninterruptibly(finished);
        Throwable e = failure.get();
        if (e instanceof RuntimeException) throw (RuntimeException) e;
        if (e instanceof Error) throw (Error) e;
        if (e != null) throw new IllegalStateException(e);
    }

    /** Chunks in flight on other threads write into the caller's C: always let them finish. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
