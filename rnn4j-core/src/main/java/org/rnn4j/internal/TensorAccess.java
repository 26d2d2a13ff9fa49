package org.rnn4j.internal;

import org.rnn4j.autograd.GradMode;
import org.rnn4j.internal.autograd.Backward;
import org.rnn4j.internal.autograd.LambdaNode;
import org.rnn4j.internal.autograd.Node;
import org.rnn4j.tensor.Tensor;

/**
 * The engine's hooks into {@link Tensor}: raw storage, the autograd tape links, and results
 * wrapped without a copy. Autograd, the fused layers, the optimizers and safetensors need them;
 * users must not, so they are not methods of Tensor and this package is not exported by the
 * module descriptor.
 *
 * <p>"Shared secrets", as the JDK's {@code SharedSecrets}: Tensor's static initializer hands
 * {@link #register} an implementation that can reach its package-private members, and a method
 * here that runs before any Tensor exists initialises Tensor first. This class has no static
 * initializer of its own, so two threads that start in Tensor and here at once cannot deadlock
 * on each other's class initialisation.
 */
public final class TensorAccess {
    /** What Tensor grants to the engine; implemented inside {@code org.rnn4j.tensor}. */
    public interface Hooks {
        float[] storage(Tensor t);

        int offset(Tensor t);

        Tensor wrap(float[] data, int[] shape);

        Tensor wrapLongs(long[] data, int[] shape);

        Node gradFn(Tensor t);

        int outputIndex(Tensor t);

        void setGradFn(Tensor t, Node node, int index);

        void accumulateGrad(Tensor t, Tensor g);

        Tensor gradUnseen(Tensor t);

        float[] copyInto(Tensor t, float[] dst);
    }

    private static volatile Hooks hooks;

    private TensorAccess() {}

    /** Called once, by Tensor's static initializer. */
    public static synchronized void register(Hooks impl) {
        if (hooks != null) throw new IllegalStateException("Tensor hooks are already registered");
        hooks = impl;
    }

    private static Hooks hooks() {
        Hooks h = hooks;
        if (h != null) return h;
        try { // registers the hooks, or waits for the thread that is initialising Tensor to do so
            Class.forName(Tensor.class.getName(), true, Tensor.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return hooks;
    }

    /**
     * The backing array of a FLOAT32 tensor (IllegalArgumentException for INT64); with
     * {@link #offset} and {@link Tensor#strides()} it locates the elements.
     */
    public static float[] storage(Tensor t) {
        return hooks().storage(t);
    }

    /** Position of element 0 in {@link #storage}. */
    public static int offset(Tensor t) {
        return hooks().offset(t);
    }

    /** Wraps {@code data} (not copied) as a contiguous tensor; for kernels that built a fresh array. */
    public static Tensor wrap(float[] data, int... shape) {
        return hooks().wrap(data, shape);
    }

    /** Wraps {@code data} (not copied) as a contiguous INT64 tensor. */
    public static Tensor wrapLongs(long[] data, int... shape) {
        return hooks().wrapLongs(data, shape);
    }

    /** The node that produced {@code t}, or null for a leaf. */
    public static Node gradFn(Tensor t) {
        return hooks().gradFn(t);
    }

    /** Which output of {@link #gradFn} the tensor is. */
    public static int outputIndex(Tensor t) {
        return hooks().outputIndex(t);
    }

    /** Marks the fresh result {@code t} as output {@code index} of {@code node} (null: a leaf again). */
    public static Tensor setGradFn(Tensor t, Node node, int index) {
        hooks().setGradFn(t, node, index);
        return t;
    }

    /**
     * {@code t.grad()} for the library's own transient use (optimizers, clipping): unlike
     * {@link Tensor#grad()} it does not count as handing the gradient to a caller, so
     * {@code zeroGrad} may still reuse its array. Keep no reference to it.
     */
    public static Tensor grad(Tensor t) {
        return hooks().gradUnseen(t);
    }

    /** t's elements, row-major, into dst (of exactly t.numel() floats); returns dst. */
    public static float[] copyInto(Tensor t, float[] dst) {
        return hooks().copyInto(t, dst);
    }

    /** Adds {@code g} into {@code t.grad()}, allocating it on first use. */
    public static void accumulateGrad(Tensor t, Tensor g) {
        hooks().accumulateGrad(t, g);
    }

    /** True if an op on these inputs must be recorded: grad mode is on and one of them requires grad. */
    public static boolean recording(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) if (t != null && t.requiresGrad()) return true;
        return false;
    }

    /** Records {@code out} as the result of a single-output op if any input requires grad; returns out. */
    public static Tensor record(Tensor out, String name, Backward rule, Tensor... inputs) {
        if (recording(inputs)) hooks().setGradFn(out, new LambdaNode(name, rule, inputs), 0);
        return out;
    }
}
