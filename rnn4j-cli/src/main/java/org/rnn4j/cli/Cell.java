package org.rnn4j.cli;

/** The recurrent cell of a command's model; lower-case names as typed on the command line. */
public enum Cell {
    rnn(1),
    lstm(4),
    gru(3);

    /** Gate blocks per cell (G): the weights are [G*H, I] and [G*H, H]. */
    public final int gates;

    Cell(int gates) {
        this.gates = gates;
    }
}
