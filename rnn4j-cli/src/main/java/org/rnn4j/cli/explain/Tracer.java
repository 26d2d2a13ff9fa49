package org.rnn4j.cli.explain;

import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * Recomputes a module's forward pass one step at a time with plain float math, from its state
 * dict, recording every intermediate vector: the explanation, independent of the fused kernels.
 */
public interface Tracer {
    /**
     * @param stateDict the module's parameters by PyTorch name
     * @param xs        the input sequence, [T][I]
     */
    Trace trace(Map<String, Tensor> stateDict, float[][] xs);
}
