package org.rnn4j.optim;

/**
 * Training produced a NaN or infinite loss or gradient. The weights were not updated at that
 * iteration: they are those of the last good step.
 */
public class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int iteration;
    private final String parameterName;

    public TrainingDivergedException(int iteration, String parameterName, String message) {
        super(message);
        this.iteration = iteration;
        this.parameterName = parameterName;
    }

    /** The iteration whose loss or gradient was not finite. */
    public int iteration() {
        return iteration;
    }

    /** The parameter whose gradient was not finite, or null if the loss itself was. */
    public String parameterName() {
        return parameterName;
    }
}
