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

    /** y[i] = f(y[i]) for i in [off, off + n). */
    public void applyInPlace(float[] y, int off, int n) {
        switch (this) {
            case TANH:
                for (int i = off; i < off + n; i++) y[i] = tanh(y[i]);
                break;
            case SIGMOID:
                for (int i = off; i < off + n; i++) y[i] = sigmoid(y[i]);
                break;
            case RELU:
                for (int i = off; i < off + n; i++) y[i] = y[i] > 0f ? y[i] : 0f;
                break;
            default:
                break;
        }
    }

    /** Logistic function; exact to float rounding over the whole range, no overflow. */
    public static float sigmoid(float x) {
        if (x >= 0f) return (float) (1.0 / (1.0 + Math.exp(-x)));
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    /**
     * tanh through the exp intrinsic ({@code Math.tanh} is not one and costs several times more):
     * (e^{2x} - 1) / (e^{2x} + 1) in double, correctly rounded to float except for rare ties;
     * the Taylor form near 0 avoids the cancellation, and |x| > 10 saturates like float tanh.
     */
    public static float tanh(float x) {
        float a = Math.abs(x);
        if (a < 0x1p-10f) return a == 0f ? x : x - x * x * x * (1f / 3f);
        if (a > 10f) return x != x ? x : Math.copySign(1f, x);
        double e = Math.exp(2.0 * x);
        return (float) ((e - 1.0) / (e + 1.0));
    }
}
