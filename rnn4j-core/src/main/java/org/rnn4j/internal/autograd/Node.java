package org.rnn4j.internal.autograd;

import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.Tensor;

/**
 * One recorded operation on the autograd tape: the inputs it read and a backward rule.
 *
 * <p>A node may have several outputs (a recurrent layer returns output, h_n and c_n); each output
 * tensor remembers its node and its output index. {@link #backward} receives one gradient per
 * output ({@code null} where no gradient flowed) and returns one gradient per input
 * ({@code null} where the input needs none), each with the input's shape.
 */
public abstract class Node {
    private final Tensor[] inputs;
    private final int numOutputs;
    private boolean released;

    protected Node(int numOutputs, Tensor... inputs) {
        this.inputs = inputs.clone();
        this.numOutputs = numOutputs;
    }

    /** The tensors this node read, in the order {@link #backward} returns their gradients. */
    public final Tensor[] inputs() {
        return inputs;
    }

    public final int numOutputs() {
        return numOutputs;
    }

    /** True if the gradient of input {@code i} is wanted (it requires grad). */
    protected final boolean needsGrad(int i) {
        return inputs[i] != null && inputs[i].requiresGrad();
    }

    /**
     * A zeroed gradient accumulator shaped like input {@code i}, or null if it needs no gradient;
     * from the pass's {@link GradArena}, so it must only become this node's returned gradient.
     */
    protected final float[] gradBuffer(int i) {
        return needsGrad(i) ? GradArena.takeZeroed(inputs[i].numel()) : null;
    }

    /**
     * Wraps gradient buffers as the gradients of inputs {@code first ..}: buffer k, when present
     * and wanted, becomes grads[first + k], shaped like that input.
     */
    protected final void putGrads(Tensor[] grads, int first, float[]... buffers) {
        for (int k = 0; k < buffers.length; k++) {
            if (buffers[k] != null && needsGrad(first + k)) {
                grads[first + k] = TensorAccess.wrap(buffers[k], inputs[first + k].shape());
            }
        }
    }

    /** A short name for error messages and debugging, like PyTorch's {@code grad_fn} names. */
    public String name() {
        return getClass().getSimpleName();
    }

    /**
     * Computes input gradients from output gradients.
     *
     * @param gradOutputs one entry per output, null where no gradient flowed
     * @return one entry per input, null where none is needed
     */
    protected abstract Tensor[] backward(Tensor[] gradOutputs);

    /** Frees saved state once backward has run; called by the engine. */
    protected void release() {}

    final Tensor[] runBackward(Tensor[] gradOutputs) {
        if (released) {
            throw new IllegalStateException("Trying to backward through the graph a second time ("
                    + name() + "): the saved intermediate values were already freed");
        }
        Tensor[] grads = backward(gradOutputs);
        released = true;
        release();
        return grads;
    }
}
