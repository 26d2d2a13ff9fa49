package org.rnn4j.spark;

import java.io.Serializable;

/**
 * What treeAggregate carries: the gradient (and, as a last element, the loss share) of one
 * partition as its floats, or of several as their {@link ExactSum}. One part travels at 4 bytes an
 * element; only a combination of parts needs the exact form. Adding parts in any order and tree
 * gives the same bits.
 */
final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private float[] single;
    private ExactSum exact;
    private int parts;
    /** The longest and the summed compute time of the parts (for measuring Spark's own overhead). */
    private long maxNanos;
    private long sumNanos;

    private GradientSum() {}

    /** No parts yet: treeAggregate's zero value. */
    static GradientSum empty() {
        return new GradientSum();
    }

    /** One part, computed in {@code nanos}. */
    static GradientSum of(float[] part, long nanos) {
        GradientSum s = new GradientSum();
        s.single = part;
        s.parts = 1;
        s.maxNanos = nanos;
        s.sumNanos = nanos;
        return s;
    }

    int parts() {
        return parts;
    }

    long maxNanos() {
        return maxNanos;
    }

    long sumNanos() {
        return sumNanos;
    }

    /** This plus {@code other}: this one, changed (treeAggregate allows it), or {@code other} if this is empty. */
    GradientSum plus(GradientSum other) {
        if (other.parts == 0) return this;
        if (parts == 0) return other;
        if (exact == null) {
            exact = new ExactSum(single.length);
            exact.add(single);
            single = null;
        }
        if (other.exact != null) exact.add(other.exact);
        else exact.add(other.single);
        parts += other.parts;
        maxNanos = Math.max(maxNanos, other.maxNanos);
        sumNanos += other.sumNanos;
        return this;
    }

    /** The sum, each element rounded once to float (a copy). */
    float[] total() {
        if (parts == 0) throw new IllegalStateException("GradientSum: no parts were added");
        return exact != null ? exact.toFloats() : single.clone();
    }
}
