package org.rnn4j.tasks.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            // the caller does not wait for a thread that is not up yet: give it time, not a job count
            for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end && !elsewhere; ) {
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
            w.seemSpinning(); // but looks ready: the caller posts, waits, steals
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
            if (Runtime.getRuntime().availableProcessors() >= 2) {
                // waited for and stolen at jobs 1, 18 and 51; the 16, 32 and 49 jobs after each run whole, unposted
                assertEquals(3, w.stolen());
                assertEquals(97, w.whole());
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.run(half -> {
                if (half == 1) throw new IllegalStateException("stolen half");
            }));
            assertEquals("stolen half", e.getMessage());
        }
    }

    /** A caller whose second thread never comes waits for it a few times, not at every job. */
    @Test
    void afterStealsTheCallerBacksOffAndPostsAgainOnceTheSecondThreadRuns() {
        if (Runtime.getRuntime().availableProcessors() < 2) return;
        try (HalfWorker w = new HalfWorker(false)) {
            w.seemSpinning();
            for (int i = 0; i < 5000; i++) w.run(half -> { });
            assertEquals(5000, w.stolen() + w.whole());
            assertTrue(w.stolen() <= 12, "waited for the second thread at " + w.stolen() + " of 5000 jobs");
            w.startThread();
            Thread[] ran = new Thread[2];
            boolean elsewhere = false;
            for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end && !elsewhere; ) {
                w.run(half -> ran[half] = Thread.currentThread());
                elsewhere = ran[1] != Thread.currentThread();
            }
            assertTrue(elsewhere, "half 1 never ran on the second thread once it started");
        }
    }

    /** A second thread that is not up (not started, or parked) is asked to wake, not waited for. */
    @Test
    void aSecondThreadThatIsNotSpinningIsNotWaitedFor() {
        try (HalfWorker w = new HalfWorker(false)) {
            int[] runs = new int[2];
            for (int i = 0; i < 100; i++) w.run(half -> runs[half]++);
            assertArrayEquals(new int[] {100, 100}, runs);
            assertEquals(0, w.stolen());
            assertEquals(Runtime.getRuntime().availableProcessors() >= 2 ? 100 : 0, w.whole());
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

    /** Both halves throwing: the caller gets half 0's with half 1's suppressed, and the next job runs clean. */
    @Test
    void whenBothHalvesFailTheCallerGetsBothAndTheNextJobNeither() {
        if (Runtime.getRuntime().availableProcessors() < 2) return;
        try (HalfWorker w = new HalfWorker(false)) {
            w.seemSpinning(); // the caller posts, waits, and runs half 1 itself: both fail on this thread
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.run(half -> {
                throw new IllegalStateException("half " + half);
            }));
            assertEquals("half 0", e.getMessage());
            assertEquals(1, e.getSuppressed().length);
            assertEquals("half 1", e.getSuppressed()[0].getMessage());
            for (int i = 0; i < 40; i++) w.run(half -> { }); // past the backoff: posted again
            assertTrue(w.stolen() >= 2, "a later job was posted (and stolen) again");
        }
    }
}
