package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/** What {@link LSTMCell} returns, PyTorch's {@code (h_1, c_1)}: each [B, H] ([H] unbatched). */
public record CellState(Tensor h, Tensor c) {}
