package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * What {@link RNN} and {@link GRU} return for packed input, PyTorch's {@code output, h_n}.
 *
 * @param output the output of the last layer at every step [sum(lengths), D*H], packed as the input
 * @param h      [L*D, B, H]: each sequence's state after its own last step (the reverse direction:
 *               after time 0), in the caller's batch order
 */
public record PackedOutput(PackedSequence output, Tensor h) {}
