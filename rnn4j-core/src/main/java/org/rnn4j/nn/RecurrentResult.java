package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * What {@link Recurrent#run} returns: the output of the last layer at every step and the state
 * after the last step.
 *
 * @param output [T, B, D*P] ([B, T, D*P] with batch_first, [T, D*P] unbatched)
 */
public record RecurrentResult(Tensor output, RecurrentState state) {}
