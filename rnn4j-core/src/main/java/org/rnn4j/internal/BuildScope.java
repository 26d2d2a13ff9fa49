package org.rnn4j.internal;

import java.util.Arrays;
import org.rnn4j.tensor.Generator;

/**
 * A scope, on the current thread only, in which modules are built from a file rather than for
 * training: {@link Generator#defaultGenerator()} answers a private throwaway generator (so that
 * loading a model draws nothing from the stream a training run or a test depends on), and every
 * tensor created through the tensor factories is charged against a byte budget (so that a hostile
 * file whose architecture asks for far more weights than it holds is refused before the heap
 * fills, not after).
 *
 * <p>Why a thread-local scope rather than constructors that take a generator: every module
 * constructor, those of later modules included, initialises through the default generator and
 * the tensor factories, so one scope covers them all without touching their signatures; outside
 * a scope nothing changes, not a single draw.
 *
 * <pre>{@code
 * try (BuildScope scope = BuildScope.open(budgetBytes)) {
 *     module = codec.build(...);   // initial weights drawn from the scope's generator
 * }
 * }</pre>
 */
public final class BuildScope implements AutoCloseable {
    private static final ThreadLocal<BuildScope> CURRENT = new ThreadLocal<>();
    /** What a tensor costs beyond its elements (object, shape, array header): charged per tensor. */
    private static final long PER_TENSOR_BYTES = 64;

    private final Generator generator = new Generator(0);
    private final BuildScope outer;
    private final long budget;
    private long remaining;
    private boolean closed;

    private BuildScope(long budget, BuildScope outer) {
        this.budget = budget;
        this.remaining = budget;
        this.outer = outer;
    }

    /**
     * Opens a scope on this thread whose tensor factories may allocate at most {@code budgetBytes}
     * in all; close it (try-with-resources) on the same thread.
     */
    public static BuildScope open(long budgetBytes) {
        if (budgetBytes < 0) throw new IllegalArgumentException("budgetBytes must be non-negative, got " + budgetBytes);
        BuildScope scope = new BuildScope(budgetBytes, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The generator of the innermost open scope on this thread, or null outside any scope. */
    public static Generator generator() {
        BuildScope s = CURRENT.get();
        return s == null ? null : s.generator;
    }

    /**
     * Charges a new tensor of {@code bytes} to the innermost scope on this thread (nothing outside
     * a scope).
     *
     * @throws IllegalArgumentException if the scope's budget is spent
     */
    public static void charge(long bytes, int[] shape) {
        BuildScope s = CURRENT.get();
        if (s == null) return;
        long cost = bytes + PER_TENSOR_BYTES;
        if (cost > s.remaining) {
            throw new IllegalArgumentException("the module's tensors need more memory than its weights hold: a tensor of"
                    + " shape " + Arrays.toString(shape) + " would exceed the " + s.budget + " bytes allowed");
        }
        s.remaining -= cost;
    }

    /** Ends the scope: the thread's default generator and allocations are ordinary again. */
    @Override
    public void close() {
        if (closed) return;
        if (CURRENT.get() != this) throw new IllegalStateException("BuildScope closed out of order or on another thread");
        closed = true;
        if (outer == null) CURRENT.remove();
        else CURRENT.set(outer);
    }
}
