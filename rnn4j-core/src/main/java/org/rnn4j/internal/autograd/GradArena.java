package org.rnn4j.internal.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.parallel.BufferPool;

/**
 * The arrays that hold the gradients made during one {@link Engine#backward}, reused by the next.
 *
 * <p>A gradient the engine passes from node to node is read by the node that consumes it and
 * then dropped; at a leaf it is added into (or copied as) the leaf's {@code grad}, never kept. No
 * API hands an intermediate gradient to the user (there is no {@code retain_grad}, no hook, no
 * custom function), so once a backward pass has finished, every array made for it through
 * {@link #take} or {@link #takeZeroed} is garbage, and the arena gives them back to the
 * {@link BufferPool}: the next step takes them again instead of allocating (a training step of
 * an LSTM otherwise allocates its input gradients, weight gradients and the head's products
 * afresh: hundreds of KB a step, which the GC then has to find).
 *
 * <p>Only code that runs inside a backward rule may take from the arena, and only for arrays that
 * become gradients it returns (or scratch it drops). Outside a backward pass (no arena open on the
 * thread) both methods just allocate. A pass that throws gives nothing back: its arrays may still
 * be referenced by the caller's half-built state, so they are left to the GC.
 */
public final class GradArena {
    private static final ThreadLocal<GradArena> CURRENT = new ThreadLocal<>();

    private final List<float[]> taken = new ArrayList<>();

    private GradArena() {}

    /** Opens the arena of a backward pass on this thread (passes do not nest). */
    static GradArena open() {
        GradArena arena = new GradArena();
        CURRENT.set(arena);
        return arena;
    }

    /** Closes the pass; gives its arrays back to the pool if it {@code completed}. */
    void close(boolean completed) {
        CURRENT.remove();
        if (completed) BufferPool.give(taken.toArray(new float[0][]));
        taken.clear();
    }

    /** An array of {@code length} floats with arbitrary contents, for a gradient the caller fully writes. */
    public static float[] take(int length) {
        GradArena arena = CURRENT.get();
        if (arena == null) return new float[length];
        float[] a = BufferPool.take(length);
        if (a.length >= BufferPool.MIN_POOLED) arena.taken.add(a);
        return a;
    }

    /** t's elements, row-major, in an array of the pass (a gradient made dense for a kernel). */
    public static float[] copyOf(Tensor t) {
        return TensorAccess.copyInto(t, take(t.numel()));
    }

    /** An array of {@code length} zeros, for a gradient the caller adds into. */
    public static float[] takeZeroed(int length) {
        float[] a = take(length);
        Arrays.fill(a, 0f);
        return a;
    }
}
