package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * What {@link RNN} and {@link GRU} return, PyTorch's {@code output, h_n}.
 *
 * @param output [T, B, D*H] ([B, T, D*H] with batch_first, [T, D*H] unbatched)
 * @param h      [L*D, B, H] ([L*D, H] unbatched)
 */
public record RecurrentOutput(Tensor output, Tensor h) {}
