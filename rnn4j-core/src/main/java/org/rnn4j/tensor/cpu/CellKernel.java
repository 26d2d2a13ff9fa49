package org.rnn4j.tensor.cpu;

/**
 * The point-wise part of one recurrent cell step: from the step's input projection
 * {@code xp = x W_ih^T + b_ih} and hidden projection {@code hp = h W_hh^T + b_hh}, both
 * [B, G*H], compute the new state, and back. The GEMMs around it belong to {@link RecurrentScan}.
 * One call covers the whole batch and all gates (one fused pass per step).
 */
public interface CellKernel {
    /** G: 1 (RNN), 3 (GRU), 4 (LSTM). */
    int gates();

    /** S: floats saved per hidden unit per row per step for backward. */
    int savedPerUnit();

    /** Whether the cell carries a cell state c (LSTM). */
    boolean hasCellState();

    /** Step s: reads st.xp at time(s), st.hp, h[s] and c[s]; writes the hidden output, c[s+1], saved[s]. */
    void forward(ScanState st, int s);

    /**
     * Step s backward: reads the gradient of the cell's hidden output (g.cellOutGrad()) and g.dc
     * (dLoss/dc[s+1]); writes g.dxp at time(s), g.dhp[s], the direct part of dLoss/dh[s] into
     * g.dhNext (zeros if none), g.dc := dLoss/dc[s], and accumulates peephole gradients.
     */
    void backward(ScanState st, ScanGrads g, int s);
}
