package org.rnn4j.tensor.cpu;

/**
 * Element-wise activation functions for the fused kernels, with derivatives expressed through the
 * activation's output {@code y = f(x)} so that backward needs only saved outputs.
 */
public enum Act {
    IDENTITY, TANH, SIGMOID, RELU;

    /** f(x). */
    public float apply(float x) {
        switch (this) {
            case TANH: return tanh(x);
            case SIGMOID: return sigmoid(x);
            case RELU: return x > 0f ? x : 0f;
            default: return x;
        }
    }

    /** f'(x) written in terms of y = f(x); ReLU's derivative at 0 is 0, as in PyTorch. */
    public float derivative(float y) {
        switch (this) {
            case TANH: return 1f - y * y;
            case SIGMOID: return y * (1f - y);
            case RELU: return y > 0f ? 1f : 0f;
            default: return 1f;
        }
    }

    /** y[i] = f(y[i]) for i in [off, off + n); vectorised where the Vector API is present. */
    public void applyInPlace(float[] y, int off, int n) {
        switch (this) {
            case TANH:
                MATH.tanh(y, off, n);
                break;
            case SIGMOID:
                MATH.sigmoid(y, off, n);
                break;
            case RELU:
                for (int i = off; i < off + n; i++) y[i] = y[i] > 0f ? y[i] : 0f;
                break;
            default:
                break;
        }
    }

    private static final Transcendentals MATH = Transcendentals.get();

    /** Logistic function ({@link FastMath#sigmoid}): 0 and 1 at the ends, never NaN. */
    public static float sigmoid(float x) {
        return FastMath.sigmoid(x);
    }

    /** tanh ({@link FastMath#tanh}); the same bits as the vectorised path. */
    public static float tanh(float x) {
        return FastMath.tanh(x);
    }
}
