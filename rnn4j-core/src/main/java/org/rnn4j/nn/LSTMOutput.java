package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * What {@link LSTM} returns, PyTorch's {@code output, (h_n, c_n)}.
 *
 * @param output [T, B, D*P] (P = proj_size or hidden_size)
 * @param h      [L*D, B, P]
 * @param c      [L*D, B, H]
 */
public record LSTMOutput(Tensor output, Tensor h, Tensor c) {}
