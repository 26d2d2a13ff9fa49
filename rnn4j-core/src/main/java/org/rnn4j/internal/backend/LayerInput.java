package org.rnn4j.internal.backend;

/**
 * The input of one recurrent layer call, time-major and dense (row-major, offset 0).
 *
 * @param x  [T, B, I]
 * @param h0 [D, B, P] initial hidden state, or null for zeros
 * @param c0 [D, B, H] initial cell state (LSTM), or null for zeros
 */
public record LayerInput(float[] x, int steps, int batch, int inputSize, float[] h0, float[] c0) {}
