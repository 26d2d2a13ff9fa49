package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * What {@link LSTM} returns for packed input, PyTorch's {@code output, (h_n, c_n)}.
 *
 * @param output [sum(lengths), D*P], packed as the input (P = proj_size or hidden_size)
 * @param h      [L*D, B, P]: each sequence's state after its own last step, in the caller's batch order
 * @param c      [L*D, B, H] likewise
 */
public record PackedLSTMOutput(PackedSequence output, Tensor h, Tensor c) {}
