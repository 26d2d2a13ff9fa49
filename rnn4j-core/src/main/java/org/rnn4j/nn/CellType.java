package org.rnn4j.nn;

/** The recurrent cell families, with their gate counts and PyTorch mode names. */
public enum CellType {
    RNN(1), LSTM(4), GRU(3);

    final int gates;

    CellType(int gates) {
        this.gates = gates;
    }

    /** G: the gates per hidden unit (1, 4, 3), so that weight_ih is [G*H, I]. */
    public int gates() {
        return gates;
    }

    /** Parses "rnn", "lstm" or "gru" (any case). */
    public static CellType parse(String name) {
        for (CellType c : values()) if (c.name().equalsIgnoreCase(name)) return c;
        throw new IllegalArgumentException("Unknown cell '" + name + "': expected one of rnn, lstm, gru");
    }
}
