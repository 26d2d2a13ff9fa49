package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * The state a recurrent stack carries from one call to the next: PyTorch's {@code h_n} and, for
 * LSTM, {@code c_n}.
 *
 * @param h [L*D, B, P] ([L*D, P] unbatched)
 * @param c [L*D, B, H] for LSTM, else null
 */
public record RecurrentState(Tensor h, Tensor c) {
    public RecurrentState {
        if (h == null) throw new IllegalArgumentException("RecurrentState: h must not be null");
    }

    /** The same values cut from the graph: truncated backpropagation through time. */
    public RecurrentState detach() {
        return new RecurrentState(h.detach(), c == null ? null : c.detach());
    }
}
