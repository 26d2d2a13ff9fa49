package org.rnn4j.internal.backend;

/**
 * The parameters of one direction of one recurrent layer as dense row-major arrays, or their
 * gradient accumulators (same shapes; the backend adds into them). Absent ones are null: no bias,
 * no projection, no peepholes, or no gradient wanted.
 *
 * @param wih [G*H, I]   input weights (G = 1, 4, 3 gates for RNN, LSTM, GRU)
 * @param whh [G*H, P]   hidden weights
 * @param bih [G*H]      input bias
 * @param bhh [G*H]      hidden bias
 * @param whr [P, H]     LSTM projection (proj_size)
 * @param wci [H]        LSTM peephole into the input gate
 * @param wcf [H]        LSTM peephole into the forget gate
 * @param wco [H]        LSTM peephole into the output gate
 */
public record DirectionWeights(float[] wih, float[] whh, float[] bih, float[] bhh, float[] whr,
                               float[] wci, float[] wcf, float[] wco) {}
