package org.rnn4j.tasks.text;

import java.util.concurrent.atomic.AtomicBoolean;
import org.rnn4j.nn.Activation;

/**
 * Tells the sampler when its Vector API kernels run compiled. Until C2 compiles them, Vector API
 * calls run interpreted or in C1 code with every vector boxed, some hundred times slower than
 * plain loops: a sampler that used them from its first character spent about a second of a
 * 10,000-character run waiting for the compiler. So the sampler starts with the plain kernels
 * (the same bits: {@link PanelKernel}, {@link Activation#apply}) while this class, on a thread of
 * its own, runs the vector kernels on a small problem until they beat the plain ones by half, then
 * says {@link #warm()}.
 */
final class VectorWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile boolean warm;
    private static volatile boolean gaveUp;
    /** Give up (and say warm) after this long: the vector kernels then are what they are. */
    private static final long LIMIT_NANOS = 20_000_000_000L;

    private VectorWarmUp() {}

    /** Starts the warm-up once per JVM, on a daemon thread; returns at once. Without the Vector API: nothing to do. */
    static void start() {
        if (PanelVectorProduct.VECTOR == null) return;
        if (!STARTED.compareAndSet(false, true)) return;
        Thread t = new Thread(VectorWarmUp::run, "rnn4j-vector-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Whether the vector kernels are compiled (so far as a timing can tell); false without the Vector API. */
    static boolean warm() {
        return warm;
    }

    /** Whether the warm-up ran out of time rather than seeing the vector kernels win (for tests). */
    static boolean gaveUp() {
        return gaveUp;
    }

    private static void run() {
        int k = 16;
        int[] rows = new int[5 * PanelVectorProduct.SCALAR.lane()]; // one wide panel and one narrow
        for (int j = 0; j < rows.length; j++) rows[j] = j;
        float[] w = new float[rows.length * k];
        for (int i = 0; i < w.length; i++) w[i] = (i % 17 - 8) * 0.01f;
        PanelVectorProduct product = new PanelVectorProduct(w, k, rows, w);
        float[] v = new float[k];
        float[] out = new float[rows.length];
        long deadline = System.nanoTime() + LIMIT_NANOS;
        int ahead = 0;
        while (ahead < 3 && System.nanoTime() < deadline) {
            long vector = round(product, v, out, true);
            long scalar = round(product, v, out, false);
            ahead = 2 * vector < scalar ? ahead + 1 : 0;
        }
        gaveUp = ahead < 3;
        warm = true;
    }

    /**
     * A third kernel type, called once a round: it keeps the kernel call in
     * {@link PanelVectorProduct#apply} megamorphic, so C2 never inlines a kernel into a caller of
     * {@code apply}. Otherwise C2 compiles this class's loop with the vector kernel inlined, the
     * timing says warm, and the sampler, whose calls reach the kernel's own (still C1) code, runs
     * slow for another second: the round must time the very methods the sampler calls.
     */
    private static final PanelKernel UNUSED = new PanelKernel() {
        @Override
        public int lane() {
            return PanelVectorProduct.SCALAR.lane();
        }

        @Override
        public void panel(float[] v, int k, float[] w, int base, int width, float[] bias, float[] dst, int j0) {
            java.util.Arrays.fill(dst, j0, j0 + width, 0f);
        }
    };

    /** Nanoseconds for 50 products and activations, the vector or the plain kernels. */
    private static long round(PanelVectorProduct product, float[] v, float[] out, boolean vector) {
        product.apply(v, out, UNUSED);
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            v[i % v.length] = out[i % out.length] * 0.5f;
            product.apply(v, out, vector ? PanelVectorProduct.VECTOR : PanelVectorProduct.SCALAR);
            for (int j = 0; j < out.length; j++) out[j] = Activation.TANH.apply(out[j]);
        }
        return System.nanoTime() - start;
    }
}
