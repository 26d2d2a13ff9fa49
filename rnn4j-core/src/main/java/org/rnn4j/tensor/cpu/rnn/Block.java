package org.rnn4j.tensor.cpu.rnn;

/**
 * Batch rows [b0, b1) and hidden units [j0, j1) of a scan: the part of every step one thread
 * computes ({@link CellKernel#forwardUnits}, {@link CellKernel#backwardUnits}).
 */
public record Block(int b0, int b1, int j0, int j1) {}
