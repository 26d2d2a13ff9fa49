package org.rnn4j.tensor.cpu.parallel;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A bounded pool of the large float arrays the recurrent scans use as workspaces (the input
 * projections, states, saved gates and their gradients: tens of MB per call for a medium layer).
 *
 * <p>Why: a fresh array is zeroed by the JVM, and while the heap grows each new page is also a
 * page fault. Before the pool, lstm-medium inference (T 100, B 64, H 256, 2 layers) allocated
 * about 100 MB per call and ran bursts of calls six times slower than its median.
 *
 * <p>{@link #take} hands out an array of exactly the asked length with arbitrary contents (the
 * caller overwrites it); {@link #give} returns one that nothing references any more. Arrays below
 * {@link #MIN_POOLED} floats are not pooled (a fresh one is cheap). At most
 * {@link #capacityBytes} are kept, the least recently returned dropped first: a quarter of the
 * maximum heap, at most 512 MiB (a medium layer's training needs about 100 MiB), or
 * {@code -Drnn4j.workspaceMB} (0 turns the pool off). Thread-safe: an array may be taken on one
 * thread and given back on another.
 */
public final class BufferPool {
    /**
     * Arrays shorter than this (4 KB) are allocated fresh and never pooled. Small enough that a
     * small layer's per-step arrays (a batch's gates, a step's saved values) are reused too: the
     * pool holds tens of arrays, so its linear search costs less than allocating and zeroing them.
     */
    public static final int MIN_POOLED = 1 << 10;
    private static volatile long capacity = defaultCapacity(Runtime.getRuntime().maxMemory());
    private static volatile boolean poison;

    /** Most recently given first. */
    private static final ArrayDeque<float[]> FREE = new ArrayDeque<>();
    private static long pooledBytes;

    private BufferPool() {}

    /** The most bytes the pool keeps. */
    public static long capacityBytes() {
        return capacity;
    }

    /** A quarter of the maximum heap, at most 512 MiB, unless -Drnn4j.workspaceMB says otherwise. */
    static long defaultCapacity(long maxHeap) {
        Long mb = Long.getLong("rnn4j.workspaceMB");
        return mb != null ? Math.max(0, mb) << 20 : Math.min(512L << 20, maxHeap / 4);
    }

    /** Sets the most bytes kept (dropping the oldest arrays beyond it); returns the previous value. */
    public static long setCapacityBytes(long bytes) {
        synchronized (FREE) {
            long before = capacity;
            capacity = Math.max(0, bytes);
            while (pooledBytes > capacity) pooledBytes -= 4L * FREE.removeLast().length;
            return before;
        }
    }

    /**
     * Fills every array taken from now on with NaN, so that a caller reading an element it did not
     * write first shows up in its results (tests); returns the previous setting.
     */
    public static boolean setPoison(boolean on) {
        boolean before = poison;
        poison = on;
        return before;
    }

    /** An array of exactly {@code length} floats, with arbitrary contents. */
    public static float[] take(int length) {
        float[] a = pooled(length);
        if (a == null) a = new float[length];
        if (poison) Arrays.fill(a, Float.NaN);
        return a;
    }

    private static float[] pooled(int length) {
        if (length < MIN_POOLED) return null;
        synchronized (FREE) {
            for (Iterator<float[]> it = FREE.iterator(); it.hasNext(); ) {
                float[] a = it.next();
                if (a.length == length) {
                    it.remove();
                    pooledBytes -= 4L * length;
                    return a;
                }
            }
        }
        return null;
    }

    /** An array of exactly {@code length} zeros. */
    public static float[] takeZeroed(int length) {
        float[] a = take(length);
        Arrays.fill(a, 0f);
        return a;
    }

    /** Returns arrays for reuse (null entries are skipped); nothing may use them afterwards. */
    public static void give(float[]... arrays) {
        for (float[] a : arrays) {
            if (a == null || a.length < MIN_POOLED || 4L * a.length > capacity) continue;
            synchronized (FREE) {
                for (float[] f : FREE) {
                    if (f == a) throw new IllegalStateException("workspace array given back twice");
                }
                FREE.addFirst(a);
                pooledBytes += 4L * a.length;
                while (pooledBytes > capacity) pooledBytes -= 4L * FREE.removeLast().length;
            }
        }
    }

    /** Bytes currently kept (tests). */
    public static long pooledBytes() {
        synchronized (FREE) {
            return pooledBytes;
        }
    }

    /** Drops every pooled array (tests). */
    public static void clear() {
        synchronized (FREE) {
            FREE.clear();
            pooledBytes = 0;
        }
    }
}
