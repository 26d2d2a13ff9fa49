package org.rnn4j.data;

import java.util.Arrays;
import org.rnn4j.tensor.Tensor;

/**
 * Sequences of different lengths padded into one batch-first tensor, with each one's length:
 * what {@code RnnUtils.packPaddedSequence(padded, lengths, true, false)} takes.
 *
 * @param padded  [B, T_max, *], row b holding sequence b followed by padding
 * @param lengths B lengths, in batch order (not sorted)
 */
public record PaddedBatch(Tensor padded, int[] lengths) {
    public PaddedBatch {
        if (padded == null || lengths == null) {
            throw new IllegalArgumentException("PaddedBatch: padded and lengths must not be null");
        }
        lengths = lengths.clone();
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaddedBatch p && p.padded.equals(padded) && Arrays.equals(p.lengths, lengths);
    }

    @Override
    public int hashCode() {
        return padded.hashCode() * 31 + Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        return "PaddedBatch[padded=" + Arrays.toString(padded.shape()) + ", lengths=" + Arrays.toString(lengths) + "]";
    }
}
