package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.Act;

/** Element-wise activation functions selectable on the recurrent modules. */
public enum Activation {
    IDENTITY(Act.IDENTITY, "identity"),
    TANH(Act.TANH, "tanh"),
    SIGMOID(Act.SIGMOID, "sigmoid"),
    RELU(Act.RELU, "relu");

    private final Act kernel;
    private final String pytorchName;

    Activation(Act kernel, String pytorchName) {
        this.kernel = kernel;
        this.pytorchName = pytorchName;
    }

    /** The kernel-level function (package org.rnn4j.tensor.cpu is not exported: not API). */
    Act kernel() {
        return kernel;
    }

    /** The activation of one value, exactly as the fused kernels compute it. */
    public float apply(float x) {
        return kernel.apply(x);
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
