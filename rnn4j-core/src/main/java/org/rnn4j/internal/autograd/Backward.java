package org.rnn4j.internal.autograd;

import org.rnn4j.tensor.Tensor;

/** Backward rule of a single-output op: the output's gradient to one gradient per input (null where none). */
@FunctionalInterface
public interface Backward {
    Tensor[] apply(Tensor gradOutput);
}
