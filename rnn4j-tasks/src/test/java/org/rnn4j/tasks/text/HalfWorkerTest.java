package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HalfWorkerTest {
    @Test
    void eachJobRunsBothHalvesOnceAndReturnsAfterBoth() {
        long[] sums = new long[2];
        try (HalfWorker w = new HalfWorker()) {
            for (int i = 1; i <= 2000; i++) {
                int round = i;
                w.run(half -> sums[half] += round);
                assertEquals(sums[0], sums[1], "round " + i); // half 1's write is visible once run returns
            }
        }
        assertArrayEquals(new long[] {2001000, 2001000}, sums);
    }

    /** Half 1 may run here when the second thread is slow to claim it (just started, descheduled), but not always. */
    @Test
    void theSecondHalfRunsOnAnotherThreadWhenThereAreTwoCores() {
        Thread[] ran = new Thread[2];
        boolean elsewhere = false;
        try (HalfWorker w = new HalfWorker()) {
            for (int i = 0; i < 2000 && !elsewhere; i++) {
                w.run(half -> ran[half] = Thread.currentThread());
                assertEquals(Thread.currentThread(), ran[0]);
                elsewhere = ran[1] != ran[0];
            }
        }
        assertEquals(Runtime.getRuntime().availableProcessors() >= 2, elsewhere);
    }

    @Test
    void aHalfTheSecondThreadDoesNotClaimRunsOnTheCallerOnce() {
        long[] sums = new long[2];
        try (HalfWorker w = new HalfWorker(false)) { // a second thread that never runs
            for (int i = 1; i <= 100; i++) {
                int round = i;
                Thread[] ran = new Thread[2];
                w.run(half -> {
                    sums[half] += round;
                    ran[half] = Thread.currentThread();
                });
                assertEquals(Thread.currentThread(), ran[1], "round " + i);
            }
            assertArrayEquals(new long[] {5050, 5050}, sums);
            if (Runtime.getRuntime().availableProcessors() >= 2) assertEquals(100, w.stolen());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.run(half -> {
                if (half == 1) throw new IllegalStateException("stolen half");
            }));
            assertEquals("stolen half", e.getMessage());
        }
    }

    @Test
    void aFailureInEitherHalfReachesTheCallerAndTheWorkerGoesOn() {
        try (HalfWorker w = new HalfWorker()) {
            for (int failing = 0; failing < 2; failing++) {
                int f = failing;
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.run(half -> {
                    if (half == f) throw new IllegalStateException("half " + half);
                }));
                assertEquals("half " + f, e.getMessage());
            }
            int[] after = new int[2];
            w.run(half -> after[half] = 1);
            assertArrayEquals(new int[] {1, 1}, after);
        }
    }

    @Test
    void aClosedWorkerRefusesJobsAndItsThreadEnds() throws InterruptedException {
        HalfWorker w = new HalfWorker();
        w.run(half -> { });
        w.close();
        assertThrows(IllegalStateException.class, () -> w.run(half -> { }));
        for (int i = 0; i < 200 && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("rnn4j-half-worker") && t.isAlive()); i++) {
            Thread.sleep(10);
        }
        assertEquals(false, Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("rnn4j-half-worker") && t.isAlive()));
    }
}
