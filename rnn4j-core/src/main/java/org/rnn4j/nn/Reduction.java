package org.rnn4j.nn;

/**
 * How a loss reduces its per-element values, PyTorch's {@code reduction} argument:
 * {@code NONE} returns them (shaped like the batch), {@code MEAN} and {@code SUM} a 0-dim tensor.
 * Each loss documents what its MEAN divides by (cross-entropy and NLL with class weights: the
 * sum of the weights of the targets that are not ignored).
 */
public enum Reduction {
    NONE("none"),
    MEAN("mean"),
    SUM("sum");

    private final String torchName;

    Reduction(String torchName) {
        this.torchName = torchName;
    }

    /** PyTorch's spelling: {@code "none"}, {@code "mean"}, {@code "sum"}. */
    public String torchName() {
        return torchName;
    }
}
