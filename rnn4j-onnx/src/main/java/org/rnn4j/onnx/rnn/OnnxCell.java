package org.rnn4j.onnx.rnn;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;

/**
 * How a PyTorch recurrent cell family maps onto ONNX's {@code RNN}, {@code LSTM} and {@code GRU}
 * ops: the op name, the order of the gate blocks, and the default activations.
 *
 * <p>PyTorch stacks the gate blocks of {@code weight_ih_l{k}} [G*H, I], {@code weight_hh_l{k}}
 * [G*H, H] and the two biases in one order, ONNX's {@code W}, {@code R} and {@code B} in another:
 * <ul>
 *   <li>LSTM: PyTorch i, f, g, o; ONNX i, o, f, c (c is PyTorch's g). ONNX block b holds PyTorch
 *       block {@code [0, 3, 1, 2][b]}.</li>
 *   <li>GRU: PyTorch r, z, n; ONNX z, r, h (h is PyTorch's n). ONNX block b holds PyTorch block
 *       {@code [1, 0, 2][b]}. PyTorch applies the reset gate after the recurrent product,
 *       {@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}, which is ONNX's
 *       {@code linear_before_reset = 1}; with the default 0 ONNX computes
 *       {@code tanh(W_h x + (r ⊙ h) R_h^T + ...)}, a different function.</li>
 *   <li>RNN: one block, no reordering.</li>
 * </ul>
 * ONNX's {@code B} is {@code [Wb, Rb]} concatenated: PyTorch's {@code bias_ih} then
 * {@code bias_hh}, each reordered as above. The LSTM peephole input {@code P} [D, 3H] holds
 * i, o, f: rnn4j's {@code weight_ci}, {@code weight_co}, {@code weight_cf}.
 */
public enum OnnxCell {
    RNN(CellType.RNN, "RNN", new int[] {0}, List.of("Tanh")),
    LSTM(CellType.LSTM, "LSTM", new int[] {0, 3, 1, 2}, List.of("Sigmoid", "Tanh", "Tanh")),
    GRU(CellType.GRU, "GRU", new int[] {1, 0, 2}, List.of("Sigmoid", "Tanh"));

    private final CellType cell;
    private final String op;
    private final int[] onnxToTorch;
    private final List<String> defaultActivations;

    OnnxCell(CellType cell, String op, int[] onnxToTorch, List<String> defaultActivations) {
        this.cell = cell;
        this.op = op;
        this.onnxToTorch = onnxToTorch;
        this.defaultActivations = defaultActivations;
    }

    public static OnnxCell of(CellType cell) {
        return switch (cell) {
            case RNN -> RNN;
            case LSTM -> LSTM;
            case GRU -> GRU;
        };
    }

    /** The cell family whose ONNX op is {@code opType}, or null. */
    public static OnnxCell ofOp(String opType) {
        for (OnnxCell c : values()) if (c.op.equals(opType)) return c;
        return null;
    }

    public CellType cell() {
        return cell;
    }

    public String op() {
        return op;
    }

    /** The activations ONNX assumes when the {@code activations} attribute is absent (one direction). */
    public List<String> defaultActivations() {
        return defaultActivations;
    }

    /** Rows [G*H, K] in PyTorch's gate order to ONNX's order. */
    public float[] torchToOnnx(float[] rows, int hidden, int cols) {
        return permuteBlocks(rows, hidden * cols, onnxToTorch, false);
    }

    /** Rows [G*H, K] in ONNX's gate order to PyTorch's order. */
    public float[] onnxToTorch(float[] rows, int hidden, int cols) {
        return permuteBlocks(rows, hidden * cols, onnxToTorch, true);
    }

    private static float[] permuteBlocks(float[] src, int block, int[] onnxToTorch, boolean inverse) {
        if (src.length != block * onnxToTorch.length) {
            throw new IllegalArgumentException("expected " + onnxToTorch.length + " gate blocks of " + block
                    + " values, got " + src.length + " values");
        }
        float[] out = new float[src.length];
        for (int b = 0; b < onnxToTorch.length; b++) {
            int torch = onnxToTorch[b];
            if (inverse) System.arraycopy(src, b * block, out, torch * block, block);
            else System.arraycopy(src, torch * block, out, b * block, block);
        }
        return out;
    }

    /** ONNX's activation name for an rnn4j activation; identity is {@code Affine} with alpha 1, beta 0. */
    public static String onnxName(Activation a) {
        return switch (a) {
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
            case RELU -> "Relu";
            case IDENTITY -> "Affine";
        };
    }

    /**
     * The rnn4j activation for an ONNX activation name (case-insensitive, as ONNX Runtime reads
     * them) with its alpha and beta (NaN when the file gives none), or null when rnn4j has no such
     * function: only Affine with alpha 1 and beta 0 is the identity.
     */
    public static Activation fromOnnx(String name, float alpha, float beta) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "tanh": return Activation.TANH;
            case "sigmoid": return Activation.SIGMOID;
            case "relu": return Activation.RELU;
            case "affine":
                boolean unitAlpha = Float.isNaN(alpha) || alpha == 1f;
                boolean zeroBeta = Float.isNaN(beta) || beta == 0f;
                return unitAlpha && zeroBeta ? Activation.IDENTITY : null;
            default: return null;
        }
    }

    /** Whether ONNX's activation {@code name} takes an alpha / beta from the attribute lists. */
    public static boolean takesAlpha(String name) {
        return Arrays.asList("affine", "leakyrelu", "thresholdedrelu", "scaledtanh", "hardsigmoid", "elu")
                .contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    public static boolean takesBeta(String name) {
        return Arrays.asList("affine", "scaledtanh", "hardsigmoid").contains(name.toLowerCase(java.util.Locale.ROOT));
    }
}
