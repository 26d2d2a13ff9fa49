package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * What {@link ElmanNetwork} and {@link JordanNetwork} return.
 *
 * @param output the outputs y_t: [T, B, O] ([B, T, O] with batch_first, [T, O] unbatched)
 * @param h      the last hidden state a_{T-1}: [B, H] ([H] unbatched)
 */
public record NetworkOutput(Tensor output, Tensor h) {}
