package org.rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.rnn4j.tensor.Tensor;

/**
 * One test class's comparisons of ONNX Runtime against rnn4j: each within {@link #TOLERANCE}
 * (relative to max(1, |value|), {@link Ort#maxDiff}), and the largest difference seen, printed
 * by {@link #report} so that the margin under the tolerance shows in the build log.
 */
final class OrtAgreement {
    static final double TOLERANCE = 1e-5;

    private final String label;
    private double worst;
    private String worstCase = "";

    /** @param label what the class exports, for the report ("recurrent exports") */
    OrtAgreement(String label) {
        this.label = label;
    }

    /** Asserts that ONNX Runtime's {@code ort} equals {@code ours} within the tolerance. */
    void check(String what, Tensor ours, Tensor ort) {
        double d = Ort.maxDiff(ours, ort);
        synchronized (this) {
            if (d > worst) {
                worst = d;
                worstCase = what;
            }
        }
        assertTrue(d <= TOLERANCE, what + ": ONNX Runtime differs from rnn4j by " + d);
    }

    synchronized void report() {
        System.out.printf("ONNX Runtime vs rnn4j, %s: largest difference %.3g (%s)%n", label, worst, worstCase);
    }
}
