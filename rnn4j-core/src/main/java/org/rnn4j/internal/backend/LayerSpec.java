package org.rnn4j.internal.backend;

import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;

/**
 * What one recurrent layer computes: the cell family and its activations, sizes, directions.
 *
 * @param hidden     H, the cell's hidden size
 * @param outHidden  P, the size of h fed back and emitted (= H unless LSTM proj_size)
 * @param directions D, 1 or 2 (the second runs from the last step to the first)
 * @param act        RNN nonlinearity, or the LSTM's g/h activation
 * @param gateAct    the LSTM's gate activation
 * @param peephole   LSTM peephole connections
 */
public record LayerSpec(CellType type, int hidden, int outHidden, int directions,
                        Activation act, Activation gateAct, boolean peephole) {}
