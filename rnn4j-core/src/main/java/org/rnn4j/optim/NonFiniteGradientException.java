package org.rnn4j.optim;

/**
 * A gradient holds a NaN or an infinity; thrown by {@link Optimizer#checkFinite(java.util.List)}
 * and {@link Optimizer#checkFinite(java.util.Map)} so that a training loop can stop (or skip the
 * step) before the bad gradient reaches the weights. The message names the parameter (its index,
 * and its name when known), the element and the value, e.g.
 * {@code non-finite gradient for parameter 2 'rnn.weight_hh_l0' at element 7: nan}.
 */
public class NonFiniteGradientException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int parameterIndex;
    private final String parameterName;
    private final int elementIndex;
    private final float value;

    public NonFiniteGradientException(int parameterIndex, String parameterName, int elementIndex, float value) {
        super("non-finite gradient for parameter " + parameterIndex
                + (parameterName != null ? " '" + parameterName + "'" : "")
                + " at element " + elementIndex + ": " + Py.repr(value));
        this.parameterIndex = parameterIndex;
        this.parameterName = parameterName;
        this.elementIndex = elementIndex;
        this.value = value;
    }

    /**
     * A non-finite value that belongs to no single parameter (e.g. the total norm in
     * {@link Clip#clipGradNorm(java.util.List, double, double, boolean)}); the indices are -1.
     */
    public NonFiniteGradientException(String message, float value) {
        super(message);
        this.parameterIndex = -1;
        this.parameterName = null;
        this.elementIndex = -1;
        this.value = value;
    }

    /** Position of the parameter in the list (or map iteration order) that was checked, or -1. */
    public int parameterIndex() {
        return parameterIndex;
    }

    /** The parameter's name, or null when only a list was checked. */
    public String parameterName() {
        return parameterName;
    }

    /** Row-major index of the first non-finite element of the gradient, or -1. */
    public int elementIndex() {
        return elementIndex;
    }

    /** The offending value (NaN or an infinity). */
    public float value() {
        return value;
    }
}
