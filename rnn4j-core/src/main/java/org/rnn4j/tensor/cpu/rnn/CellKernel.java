package org.rnn4j.tensor.cpu.rnn;

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

    /** Whether backward accumulates peephole gradients (an LSTM with peepholes): ScanGrads must hold them. */
    default boolean hasPeepholes() {
        return false;
    }

    /** Step s: reads st.xp at time(s), st.hp, h[s] and c[s]; writes the hidden output, c[s+1], saved[s]. */
    void forward(ScanState st, int s);

    /**
     * Step s for the batch rows [b0, b1) and hidden units [j0, j1) of {@code blk} only, with the same results as
     * {@link #forward} gives for them. The hidden projection of these units (b_hh included) is
     * in {@code hp}, not st.hp: element (row b, gate g, unit j) at
     * {@code hpOff + (b-b0)*ldh + g*(j1-j0) + (j-j0)}; the kernel may overwrite it. Reads st.xp,
     * h[s], c[s] and writes the hidden output, c[s+1] and saved[s] only in this block, so two
     * threads may run disjoint blocks of one step at once ({@link PersistentScan}).
     */
    default void forwardUnits(ScanState st, int s, Block blk, float[] hp, int hpOff, int ldh) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no unit-range forward");
    }

    /** Whether {@link #forwardUnits} is implemented. */
    default boolean hasUnitRangeForward() {
        return false;
    }

    /**
     * Whether the saved values of a row begin with the G gate blocks [G][H] in the order of the
     * hidden projection (LSTM): then a slice of all units may write its product there, and
     * {@link #forwardUnits} is given st.saved itself as hp, at the row's saved offset.
     */
    default boolean gatesLeadSaved() {
        return false;
    }

    /**
     * Whether every gate's pre-activation is the plain sum of the input and hidden projections
     * (LSTM, Elman RNN; not GRU, whose n gate scales the hidden one by r): then the input bias
     * may be added on the hidden side ({@link RecurrentScan#forward}).
     */
    default boolean sumsProjections() {
        return false;
    }

    /**
     * Whether backward writes the same values to g.dhp as to g.dxp (true unless a gate mixes
     * the hidden projection in, as GRU's n gate does): then {@link ScanGrads} may share them.
     */
    default boolean sameProjectionGrads() {
        return false;
    }

    /**
     * Step s backward: reads the gradient of the cell's hidden output (g.cellOutGrad()) and g.dc
     * (dLoss/dc[s+1]); writes g.dxp at time(s), g.dhp[s], the direct part of dLoss/dh[s] into
     * g.dhNext (zeros if none), g.dc := dLoss/dc[s], and accumulates peephole gradients.
     */
    void backward(ScanState st, ScanGrads g, int s);

    /**
     * Step s backward for batch rows [b0, b1) and hidden units [j0, j1) only, without
     * projection (P == H): the same results as {@link #backward} gives for them. Reads dh (the
     * gradient of the hidden output, [B, H]) and g.dc only in this block; writes g.dxp at
     * time(s), g.dhp[s], g.dc and the direct part of dLoss/dh[s] into dhNext [B, H] (zeros if
     * none) only in this block, so two threads may run disjoint blocks of one step at once
     * ({@link PersistentScan}). Peephole gradients (sums over the batch) are accumulated for
     * these units: blocks that split the batch must not run at once with peepholes.
     */
    default void backwardUnits(ScanState st, ScanGrads g, int s, Block blk, float[] dh, float[] dhNext) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no unit-range backward");
    }

    /** Whether {@link #backwardUnits} is implemented. */
    default boolean hasUnitRangeBackward() {
        return false;
    }
}
