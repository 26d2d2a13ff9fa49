package org.rnn4j.tasks.text;

import java.util.concurrent.atomic.AtomicBoolean;
import org.rnn4j.data.CharVocabulary;
import org.rnn4j.nn.CellType;

/**
 * Gets the sampler's code compiled before it samples, and tells it when its Vector API kernels
 * run compiled. Until C2 compiles them, Vector API calls run interpreted or in C1 code with every
 * vector boxed, some hundred times slower than plain loops; so the sampler starts with the plain
 * kernels (the same bits: {@link PanelKernel}, {@link org.rnn4j.nn.Activation#apply}) while this
 * class, on a thread of its own, runs {@link Sampler#sample(CharStepper, CharVocabulary,
 * Sampler.Options, java.util.function.IntConsumer)}, the very loop that samples, on small made-up
 * models of each cell type, with the vector kernels and with the plain ones, until the vector
 * rounds beat the plain ones by half three times in a row; then it says {@link #warm()}.
 *
 * <p>Why the sampler's own loop, on every cell type, with weights of every scale: what C2
 * compiles follows what it has seen run. Timing the kernels alone (as this class first did) got
 * them compiled, but the step around them (gates, activations, the draw) was still on its way
 * through the compiler queue, behind the code that had read the model, for the sampler's first
 * second; and activations compiled for inputs of one range were thrown out (an "uncommon trap")
 * the first time the sampler's went past it.
 */
final class VectorWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile boolean warm;
    private static volatile boolean gaveUp;
    /** Give up (and say warm) after this long: the vector kernels then are what they are. */
    private static final long LIMIT_NANOS = 20_000_000_000L;
    /** The made-up models: big enough that the products outweigh the activations, as in real ones. */
    private static final int VOCAB = 16;
    private static final int EMBED = 16;
    private static final int HIDDEN = 64;
    private static final int LAYERS = 2;
    private static final int CHARACTERS = 20;
    /** The rounds go through these in turn. */
    private static final CellType[] CELLS = CellType.values();

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
        CharStepper[] vector = new CharStepper[CELLS.length];
        CharStepper[] plain = new CharStepper[CELLS.length];
        for (int i = 0; i < CELLS.length; i++) {
            StepperWeights w = StepperWeights.synthetic(CELLS[i], VOCAB, EMBED, HIDDEN, LAYERS, i);
            // never-started second threads: the halves run here, one core being left to the compiler
            vector[i] = new CharStepper(w, null, null, CharStepper.TABLE_LIMIT, () -> true, new HalfWorker(false));
            plain[i] = new CharStepper(w, null, null, CharStepper.TABLE_LIMIT, () -> false, new HalfWorker(false));
        }
        CharVocabulary vocabulary = CharVocabulary.of("abcdefghijklmnop");
        long deadline = System.nanoTime() + LIMIT_NANOS;
        int ahead = 0;
        for (long round = 0; ahead < 3 && System.nanoTime() < deadline; round++) {
            int i = (int) (round % CELLS.length);
            long v = time(vector[i], vocabulary, round);
            long p = time(plain[i], vocabulary, round);
            ahead = 2 * v < p ? ahead + 1 : 0;
        }
        gaveUp = ahead < 3;
        warm = true;
        for (int i = 0; i < CELLS.length; i++) {
            vector[i].close();
            plain[i].close();
        }
    }

    /** Top-k off, 4 and 8, each cell type in turn with each (the rounds go through the cell types). */
    private static int topK(long round) {
        return (int) (round / CELLS.length % 3) * 4;
    }

    /** Nanoseconds to draw {@link #CHARACTERS} characters from {@code stepper}, whose state carries on from the last round. */
    private static long time(CharStepper stepper, CharVocabulary vocabulary, long round) {
        long start = System.nanoTime();
        Sampler.sample(stepper, vocabulary, new Sampler.Options("", CHARACTERS, 1.0, topK(round), round),
                c -> { });
        return System.nanoTime() - start;
    }
}
