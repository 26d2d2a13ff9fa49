package org.rnn4j.tensor.cpu.rnn;

/**
 * The weights of one direction of one recurrent layer as dense row-major arrays (offset 0).
 *
 * @param wih [G*H, I]
 * @param whh [G*H, P]
 * @param bih [G*H] or null (bias=False)
 * @param bhh [G*H] or null
 * @param whr [P, H] projection (LSTM proj_size), or null
 */
public record ScanWeights(float[] wih, float[] whh, float[] bih, float[] bhh, float[] whr) {}
