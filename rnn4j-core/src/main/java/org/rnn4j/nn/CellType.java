package org.rnn4j.nn;

/** The recurrent cell families, with their gate counts and PyTorch mode names. */
enum CellType {
    RNN(1), LSTM(4), GRU(3);

    final int gates;

    CellType(int gates) {
        this.gates = gates;
    }
}
