package org.rnn4j.nn;

import java.util.Arrays;
import java.util.function.BiFunction;
import org.rnn4j.tensor.Tensor;

/**
 * What the Elman and Jordan networks share (composition, not a base class): sizes and options,
 * their validation, parameter registration, the input layouts and the repr.
 */
record NetworkSpec(String name, int inputSize, int hiddenSize, int outputSize, Activation act,
                   Activation outAct, boolean bias, boolean batchFirst) {

    NetworkSpec {
        requirePositive(name, "input_size", inputSize);
        requirePositive(name, "hidden_size", hiddenSize);
        requirePositive(name, "output_size", outputSize);
        if (act == null) throw new IllegalArgumentException(name + ": activation must not be null");
        if (outAct == null) throw new IllegalArgumentException(name + ": output activation must not be null");
    }

    private static void requirePositive(String name, String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + what + " must be greater than zero, got " + value);
        }
    }

    /**
     * Registers, in this order, weight_ih [H, I], the recurrent weight [H, R], bias_h [H],
     * weight_ho [O, H], bias_o [O] (the biases only with bias=True), all U(-1/sqrt(H), 1/sqrt(H)).
     * Returns them in that order, absent biases null.
     */
    Tensor[] register(BiFunction<String, Tensor, Tensor> register, String recurrentName, int recurrentCols) {
        double bound = 1.0 / Math.sqrt(hiddenSize);
        Tensor wih = register.apply("weight_ih", Module.uniform(bound, hiddenSize, inputSize));
        Tensor wrec = register.apply(recurrentName, Module.uniform(bound, hiddenSize, recurrentCols));
        Tensor bh = bias ? register.apply("bias_h", Module.uniform(bound, hiddenSize)) : null;
        Tensor who = register.apply("weight_ho", Module.uniform(bound, outputSize, hiddenSize));
        Tensor bo = bias ? register.apply("bias_o", Module.uniform(bound, outputSize)) : null;
        return new Tensor[] {wih, wrec, bh, who, bo};
    }


    /** Validates x and returns it time-major [T, B, I]. */
    Tensor timeMajor(Tensor x) {
        if (x == null) throw new IllegalArgumentException(name + ": input must not be null");
        if (x.dim() != 2 && x.dim() != 3) {
            throw new IllegalArgumentException(name + ": expected input to be 2D [T, I] or 3D "
                    + (batchFirst ? "[B, T, I]" : "[T, B, I]") + ", got " + x.dim() + "D tensor of shape "
                    + Arrays.toString(x.shape()));
        }
        if (x.size(-1) != inputSize) {
            throw new IllegalArgumentException(name + ": input.size(-1) must be equal to input_size. Expected "
                    + inputSize + ", got " + x.size(-1) + " (input shape " + Arrays.toString(x.shape()) + ")");
        }
        Tensor t = x.dim() == 2 ? x.unsqueeze(1) : batchFirst ? x.transpose(0, 1) : x;
        if (t.size(0) == 0) {
            throw new IllegalArgumentException(name + ": expected sequence length to be larger than 0, got input shape "
                    + Arrays.toString(x.shape()));
        }
        return t;
    }

    /** Puts output [T, B, O] and h [B, H] back in the caller's layout (batch_first, or unbatched x [T, I]). */
    NetworkOutput restore(Tensor original, Tensor output, Tensor h) {
        if (original.dim() == 2) return new NetworkOutput(output.squeeze(1), h.squeeze(0));
        if (batchFirst) return new NetworkOutput(output.transpose(0, 1), h);
        return new NetworkOutput(output, h);
    }

    /** {@code I, H, O} then the non-default options. */
    String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize).append(", ")
                .append(outputSize);
        if (!bias) s.append(", bias=False");
        if (batchFirst) s.append(", batch_first=True");
        if (act != Activation.TANH) s.append(", activation=").append(act.pytorchName());
        if (outAct != Activation.IDENTITY) s.append(", output_activation=").append(outAct.pytorchName());
        return s.toString();
    }
}
