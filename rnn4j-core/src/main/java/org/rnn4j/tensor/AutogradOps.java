package org.rnn4j.tensor;

import java.util.Arrays;
import org.rnn4j.internal.autograd.Engine;
import org.rnn4j.tensor.cpu.parallel.BufferPool;

/**
 * A tensor's autograd state changes: the leaf flag, gradient assignment and accumulation, and the
 * entry into backpropagation, with PyTorch's checks and messages.
 */
final class AutogradOps {
    private AutogradOps() {}

    /** {@code requires_grad_(flag)}: leaves only; on a non-leaf true is a no-op and false throws. */
    static Tensor requiresGrad(Tensor t, boolean flag) {
        if (t.gradFn != null) {
            if (flag) return t;
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want"
                    + " to use a computed variable in a subgraph that doesn't require differentiation use"
                    + " var_no_grad = var.detach().");
        }
        if (flag && t.longs != null) {
            throw new IllegalArgumentException("only Tensors of floating point and complex dtype can require"
                    + " gradients; this tensor has dtype " + t.dtype() + ", not " + DType.FLOAT32);
        }
        t.requiresGrad = flag;
        return t;
    }

    /** Replaces t's gradient (null clears it); it must have t's shape. */
    static void setGrad(Tensor t, Tensor g) {
        if (g != null && !Arrays.equals(g.shape, t.shape)) {
            throw new IllegalArgumentException("assigned grad has data of a different size: expected "
                    + Arrays.toString(t.shape) + ", got " + Arrays.toString(g.shape));
        }
        if (g != null && g.dtype() != t.dtype()) {
            throw new IllegalArgumentException("assigned grad has data of a different type: expected " + t.dtype()
                    + ", got " + g.dtype());
        }
        Tensor old = t.grad;
        t.grad = g;
        if (old != null && old != g && old.unseenPooledGrad) { // no caller holds it: its array may be reused
            old.unseenPooledGrad = false;
            BufferPool.give(old.data);
        }
    }

    /**
     * grad += g, making grad (a copy of g) on first use, as the engine does at leaves. The copy
     * goes into an array from the {@link BufferPool}, and {@link #setGrad} (zeroGrad) gives it
     * back when it replaces it, unless a caller has seen it through {@link Tensor#grad()}: a
     * training step then reuses last step's gradient arrays instead of allocating them.
     */
    static void accumulateGrad(Tensor t, Tensor g) {
        if (!Arrays.equals(g.shape, t.shape)) {
            throw new IllegalStateException("gradient of shape " + Arrays.toString(g.shape)
                    + " does not match tensor of shape " + Arrays.toString(t.shape));
        }
        Tensor gc = g.contiguous();
        if (t.grad == null) {
            float[] copy = BufferPool.take(gc.numel());
            System.arraycopy(gc.data, gc.offset, copy, 0, copy.length);
            t.grad = Tensor.wrap(copy, t.shape);
            t.grad.unseenPooledGrad = copy.length >= BufferPool.MIN_POOLED;
        } else {
            float[] src = gc.data;
            int so = gc.offset;
            float[] dst = t.grad.data;
            for (int i = 0; i < dst.length; i++) dst[i] += src[so + i];
        }
    }

    /** Backpropagates from a one-element tensor, seeding its gradient with 1. */
    static void backward(Tensor root) {
        if (root.numel() != 1) {
            throw new IllegalStateException("grad can be implicitly created only for scalar outputs (got shape "
                    + Arrays.toString(root.shape) + ")");
        }
        backward(root, Tensor.full(1f, root.shape));
    }

    /** Backpropagates {@code gradient} (shaped like root) from root. */
    static void backward(Tensor root, Tensor gradient) {
        if (gradient == null) throw new IllegalArgumentException("backward: gradient must not be null");
        DTypeOps.requireFloat("backward", root, gradient);
        if (!Arrays.equals(gradient.shape, root.shape)) {
            throw new IllegalArgumentException("gradient has shape " + Arrays.toString(gradient.shape)
                    + " but the tensor has shape " + Arrays.toString(root.shape));
        }
        Engine.backward(root, gradient);
    }
}
