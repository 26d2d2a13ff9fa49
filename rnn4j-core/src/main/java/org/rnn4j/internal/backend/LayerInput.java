package org.rnn4j.internal.backend;

/**
 * The input of one recurrent layer call, time-major and dense (row-major, offset 0): a batch of B
 * rows that all run T steps, or a packed batch (PyTorch's {@code PackedSequence}) whose rows are
 * sorted by decreasing length, so that the first {@code batchSizes[t]} rows run at step t and
 * time t's rows follow time t-1's in x and in the output.
 *
 * @param x          [N, I]: [T, B, I] (N = T*B), or packed data with N = sum(batchSizes)
 * @param steps      T
 * @param batch      B (batchSizes[0] when packed)
 * @param h0         [D, B, P] initial hidden state, or null for zeros (packed: in sorted row order)
 * @param c0         [D, B, H] initial cell state (LSTM), or null for zeros
 * @param batchSizes [T] the rows of each time step, positive and non-increasing, or null for a
 *                   dense batch; each row's h_n and c_n are its state after its own last step
 */
public record LayerInput(float[] x, int steps, int batch, int inputSize, float[] h0, float[] c0, int[] batchSizes) {
    /** A dense batch. */
    public LayerInput(float[] x, int steps, int batch, int inputSize, float[] h0, float[] c0) {
        this(x, steps, batch, inputSize, h0, c0, null);
    }

    /** N, the rows of x and of the output: T*B, or sum(batchSizes). */
    public int rows() {
        if (batchSizes == null) return steps * batch;
        int n = 0;
        for (int size : batchSizes) n += size;
        return n;
    }
}
