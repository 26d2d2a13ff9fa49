package org.rnn4j.tensor.cpu.gemm;

import org.rnn4j.tensor.cpu.parallel.BufferPool;

/**
 * The GEMM drivers' pack buffers, kept per thread so that a product allocates nothing once warm,
 * but bounded: a thread keeps each of its three arrays only up to {@link #KEEP_FLOATS} (4 MiB).
 * A larger one (a whole packed operand shared by all threads, or a big transposed B) comes from
 * the {@link BufferPool} and must go back through {@link #giveBack}. So a long-lived thread pool
 * (a Spark executor's, a server's) holds at most about 8 MiB per thread that ever multiplied,
 * not the largest operand it ever saw; {@link #releaseCurrentThread} drops even that.
 */
final class PackBuffers {
    /** Floats a thread keeps per array: more than one blocked panel of A or B ever needs. */
    static final int KEEP_FLOATS = 1 << 20;
    private static final float[] EMPTY = new float[0];
    private static final ThreadLocal<PackBuffers> OWN = ThreadLocal.withInitial(PackBuffers::new);

    private float[] a = EMPTY;
    private float[] b = EMPTY;
    private float[] tile = EMPTY;

    private PackBuffers() {}

    /** This thread's buffers. */
    static PackBuffers get() {
        return OWN.get();
    }

    /** Drops this thread's buffers (a pool thread that will not multiply for a while). */
    static void releaseCurrentThread() {
        OWN.remove();
    }

    /** At least {@code size} floats for packed A panels, arbitrary contents. */
    float[] a(int size) {
        if (size > KEEP_FLOATS) return BufferPool.take(size);
        if (a.length < size) a = new float[size];
        return a;
    }

    /** At least {@code size} floats for packed B panels, arbitrary contents. */
    float[] b(int size) {
        if (size > KEEP_FLOATS) return BufferPool.take(size);
        if (b.length < size) b = new float[size];
        return b;
    }

    /** At least {@code size} floats for an edge tile, arbitrary contents. */
    float[] tile(int size) {
        if (tile.length < size) tile = new float[size];
        return tile;
    }

    /** Returns an array from {@link #a} or {@link #b} once the product is done with it. */
    void giveBack(float[] buffer) {
        if (buffer != a && buffer != b) BufferPool.give(buffer);
    }
}
