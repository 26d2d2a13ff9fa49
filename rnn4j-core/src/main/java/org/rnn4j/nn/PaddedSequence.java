package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * What {@link RnnUtils#padPackedSequence} returns, PyTorch's {@code (padded, lengths)}.
 *
 * @param data    [T, B, *] ([B, T, *] with batchFirst), T the longest length or totalLength
 * @param lengths each sequence's length, in the caller's batch order
 */
public record PaddedSequence(Tensor data, int[] lengths) {}
