package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.math.FastMath;
import org.rnn4j.tensor.cpu.math.Transcendentals;

/**
 * Element-wise activation functions selectable on the recurrent modules, as tensor ops
 * ({@link #apply(Tensor)}) and as the fused kernels' point-wise functions ({@link #apply(float)},
 * {@link #applyInPlace}, {@link #derivative}), so that composed and fused paths agree bit for bit.
 * Derivatives are expressed through the activation's output {@code y = f(x)}, so that backward
 * needs only saved outputs.
 */
public enum Activation {
    IDENTITY("identity"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    RELU("relu");

    private static final Transcendentals MATH = Transcendentals.get();
    private final String pytorchName;

    Activation(String pytorchName) {
        this.pytorchName = pytorchName;
    }

    /** f(x); tanh and sigmoid as {@link FastMath} computes them (the same bits as the vector path). */
    public float apply(float x) {
        switch (this) {
            case TANH: return FastMath.tanh(x);
            case SIGMOID: return FastMath.sigmoid(x);
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

    /** The lower-case name PyTorch uses ({@code nonlinearity='tanh'}). */
    public String pytorchName() {
        return pytorchName;
    }

    /** Applies the activation as a differentiable tensor op. */
    public Tensor apply(Tensor x) {
        switch (this) {
            case TANH: return x.tanh();
            case SIGMOID: return x.sigmoid();
            case RELU: return x.relu();
            default: return x;
        }
    }

    /** Parses "tanh", "relu", "sigmoid" or "identity" (any case). */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.pytorchName.equalsIgnoreCase(name) || a.name().equalsIgnoreCase(name)) return a;
        }
        throw new IllegalArgumentException("Unknown activation '" + name
                + "': expected one of identity, tanh, sigmoid, relu");
    }
}
