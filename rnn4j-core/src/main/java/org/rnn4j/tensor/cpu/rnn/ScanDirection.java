package org.rnn4j.tensor.cpu.rnn;

/**
 * One direction of one recurrent layer call: its cell, workspaces and weights, and its place
 * among the layer's directions (which columns of the output, which rows of h0 and h_n it owns).
 *
 * @param inputSize I, the width of the layer's input
 * @param index     0 (forward) or 1 (reverse)
 */
public record ScanDirection(CellKernel cell, ScanState st, ScanWeights w, int inputSize, int index) {}
