package org.rnn4j.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code rnn4j bench} reads of the JVM's memory from the moment it is created: peak heap,
 * GC activity, and the bytes allocated by all live threads (the caller and the helper threads).
 */
final class Heap {
    private final List<MemoryPoolMXBean> pools = new ArrayList<>();
    private final long gcCount0;
    private final long gcMillis0;

    Heap() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                p.resetPeakUsage();
                pools.add(p);
            }
        }
        gcCount0 = gcCount(0);
        gcMillis0 = gcMillis(0);
    }

    /** The sum of the heap pools' peaks: an upper bound of the peak heap in use. */
    long peakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : pools) sum += Math.max(0, p.getPeakUsage().getUsed());
        return sum;
    }

    long gcCount() {
        return gcCount(gcCount0);
    }

    long gcMillis() {
        return gcMillis(gcMillis0);
    }

    private static long gcCount(long base) {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n - base;
    }

    private static long gcMillis(long base) {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n - base;
    }

    /**
     * Bytes allocated so far by every live thread (HotSpot's per-thread counters), or -1 where the
     * JVM cannot tell.
     */
    static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) sum += Math.max(0, b);
        return sum;
    }
}
