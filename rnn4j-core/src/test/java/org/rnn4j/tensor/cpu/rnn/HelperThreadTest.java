package org.rnn4j.tensor.cpu.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.cpu.gemm.Gemm;
import org.rnn4j.tensor.cpu.parallel.GemmPool;
import org.rnn4j.tensor.cpu.parallel.HelperThread;
import org.rnn4j.tensor.cpu.parallel.Threads;

/** GemmPool and the persistent scans sharing the one helper thread. */
class HelperThreadTest {
    @AfterEach
    void restore() {
        PersistentScanTest.restoreThresholds();
    }

    /**
     * Runs 24 chunks on two threads; returns the names of the threads that ran them. Each chunk
     * waits (at most 2 s) until a second thread has run one too, so a slow start of the other
     * thread on a busy machine cannot leave all chunks to the caller.
     */
    private static Set<String> chunkThreads() {
        return chunkThreads(true);
    }

    /** As {@link #chunkThreads()}; without waiting for a second thread when none can come. */
    private static Set<String> chunkThreads(boolean waitForSecond) {
        Set<String> names = ConcurrentHashMap.newKeySet();
        GemmPool.run(24, 2, chunk -> {
            names.add(Thread.currentThread().getName());
            long until = System.nanoTime() + 2_000_000_000L;
            while (waitForSecond && names.size() < 2 && System.nanoTime() < until) Thread.onSpinWait();
        });
        return names;
    }

    @Test
    void gemmChunksRunOnFreeHelpersAndOnTheCallerAloneWhenAllAreTaken() {
        assumeTrue(GemmPool.MAX_THREADS >= 2, "needs two cores");
        String caller = Thread.currentThread().getName();
        Set<String> free = chunkThreads();
        assertTrue(free.contains(caller), "the caller works too: " + free);
        assertTrue(free.stream().anyMatch(n -> n.startsWith("rnn4j-helper-")), "a free helper joins: " + free);

        HelperThread[] all = new HelperThread[HelperThread.count()];
        assertEquals(all.length, HelperThread.acquire(all.length, all), "every helper is free between calls");
        try {
            assertEquals(Set.of(caller), chunkThreads(false), "borrowed helpers are not used");
        } finally {
            for (HelperThread h : all) h.release();
        }
    }

    @Test
    void aFailingChunkIsReportedAndTheHelperSurvives() {
        assumeTrue(GemmPool.MAX_THREADS >= 2, "needs two cores");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GemmPool.run(8, 2, chunk -> {
                    long until = System.nanoTime() + 200_000L;
                    while (System.nanoTime() < until) Thread.onSpinWait();
                    throw new IllegalStateException("chunk " + chunk);
                }));
        assertTrue(e.getMessage().startsWith("chunk "), e.getMessage());
        assertTrue(chunkThreads().stream().anyMatch(n -> n.startsWith("rnn4j-helper-")), "the helper still runs chunks");
    }

    /**
     * Split GEMMs and split scans from three threads at once, many times: each result bit for
     * bit as on one thread, and no call waits for a job that a later borrower's job replaced.
     */
    @Test
    void gemmsAndScansFromSeveralThreadsShareTheHelperCorrectly() throws Exception {
        PersistentScanTest.Case scan = new PersistentScanTest.Case(
                PersistentScanTest.Kind.LSTM, 6, 3, 8, 96, true, false, 201);
        ScanState scanRef = scan.run(PersistentScanTest.Split.NONE, false);
        PersistentScanTest.force(PersistentScanTest.Split.UNITS);
        int m = 96, n = 80, k = 300;  // 2.3M multiply-adds: split over two threads
        Random rnd = new Random(7);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
        float[] gemmRef = new float[m * n];
        Gemm.sgemm(Gemm.KERNEL, 1, false, false, m, n, k, a, 0, k, b, 0, n, 0f, gemmRef, 0, n);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                fs.add(pool.submit((Callable<Void>) () -> {
                    for (int it = 0; it < 300; it++) {
                        float[] c = new float[m * n];
                        Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, 0f, c, 0, n);
                        assertArrayEquals(gemmRef, c);
                        ScanState st = new ScanState(scan.steps, scan.batch, scan.hidden, scan.hidden,
                                scan.cell, scan.reverse, false);
                        RecurrentScan.forward(new ScanDirection(scan.cell, st, scan.w, scan.input, 0), scan.x, scan.h0, scan.c0);
                        assertArrayEquals(scanRef.h, st.h);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
        HelperThread[] all = new HelperThread[HelperThread.count()];
        assertEquals(all.length, HelperThread.acquire(all.length, all), "every borrower gave its helpers back");
        for (HelperThread h : all) h.release();
        long helpers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("rnn4j-helper-")).count();
        assertTrue(helpers <= Threads.count() - 1, "at most one helper per extra thread: " + helpers);
    }
}
