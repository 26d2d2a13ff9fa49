package org.rnn4j.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;

/**
 * The shared worker threads for large GEMMs: one daemon ForkJoinPool with
 * {@code availableProcessors() - 1} workers, because the calling thread always does a share of
 * the work itself. Created on first use, so small programs never start a thread.
 *
 * <p>ForkJoinPool rather than a fixed executor: a GEMM issued from inside a worker (nested
 * parallelism) helps run its own subtasks while joining instead of deadlocking.
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

    /** Runs {@code body(0)} on the caller and {@code body(1..tasks-1)} on the pool; waits for all. */
    static void run(int tasks, IntConsumer body) {
        if (tasks <= 1) {
            body.accept(0);
            return;
        }
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            forked[t - 1] = Holder.POOL.submit(() -> body.accept(task));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (Throwable e) {
            failure = e;
        }
        for (ForkJoinTask<?> f : forked) {
            try {
                f.join();
            } catch (Throwable e) {
                if (failure == null) failure = e; else failure.addSuppressed(e);
            }
        }
        if (failure instanceof RuntimeException) throw (RuntimeException) failure;
        if (failure instanceof Error) throw (Error) failure;
        if (failure != null) throw new IllegalStateException(failure);
    }
}
