package org.rnn4j.internal.backend;

import java.util.List;

/**
 * Runs recurrent layers: the seam between the autograd node of a layer ({@code nn}) and the
 * kernels of a device. A forward returns the layer's outputs and, for training, a
 * {@link LayerResult.Saved} that only the same backend reads back in {@link #backward}.
 * Implementations must be thread-safe (several calls at once, each with its own arrays) and
 * deterministic: the same inputs give the same bits whatever the thread count.
 */
public interface RecurrentBackend {
    /**
     * One layer, all its directions.
     *
     * @param weights     one entry per direction
     * @param forBackward whether {@link #backward} will follow (else nothing is saved)
     */
    LayerResult forward(LayerSpec spec, LayerInput input, List<DirectionWeights> weights, boolean forBackward);

    /**
     * Backpropagation through time for a {@link #forward} made with forBackward: adds the
     * gradients of the layer's inputs into {@code into} and releases what forward saved.
     */
    void backward(LayerResult forward, LayerOutputGrads grads, LayerGradients into);

    /**
     * Takes back a forward's {@link LayerResult#output()} that nothing references any more (the
     * caller's promise: an intermediate layer's output once the next layer has read it for the last
     * time, in its forward or, when that layer saved it, its backward), so a later call may reuse
     * it. The default drops it.
     */
    default void recycle(float[] output) {}
}
