package org.rnn4j.tensor.cpu.rnn;

import org.rnn4j.tensor.cpu.gemm.Gemm;

/**
 * When a recurrent scan repays more threads (measured on a 2-core EPYC; see
 * {@link PersistentScan}). One immutable value in force at a time: the defaults (each overridable
 * by a system property), or a value a test installs for a scope with {@link #override}.
 *
 * @param minWork           G·H·P·B multiply-adds of a step at least this many: split (the one-thread
 *                          path would split the step's product over threads anyway)
 * @param minWeights        G·H·P at least this many floats of W_hh: split (each part's slice then
 *                          stays in its core's L2); a small cell with a modest batch
 *                          (4·64·64·32) measured slower on two threads
 * @param minRowSplit       the smallest batch split by rows; smaller ones split by units
 * @param minRowWork        T·B·G·H·P of a whole row-split scan below which one thread is faster
 *                          (handing work to a parked helper costs up to tens of microseconds)
 * @param minDirectionWork  multiply-adds of one direction's forward below which a bidirectional
 *                          layer runs its directions one after the other
 */
public record ScanThresholds(long minWork, long minWeights, int minRowSplit, long minRowWork, long minDirectionWork) {
    /** The defaults, with -Drnn4j.persistentScan.minWork etc. applied. */
    public static final ScanThresholds DEFAULTS = new ScanThresholds(
            Long.getLong("rnn4j.persistentScan.minWork", 2 * Gemm.WORK_PER_THREAD),
            Long.getLong("rnn4j.persistentScan.minWeights", 1L << 16),
            Integer.getInteger("rnn4j.persistentScan.minRowSplit", 16),
            Long.getLong("rnn4j.persistentScan.minRowWork", 1L << 21),
            Long.getLong("rnn4j.parallelDirections.minWork", 1L << 16));

    private static volatile ScanThresholds current = DEFAULTS;

    /** The thresholds in force. */
    public static ScanThresholds current() {
        return current;
    }

    /** Installs {@code t} until the returned scope is closed (tests that force a path). */
    public static Scope override(ScanThresholds t) {
        ScanThresholds before = current;
        current = t;
        PersistentScan.resetBackoff();
        return () -> current = before;
    }

    /** A scope that restores the previous thresholds when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
