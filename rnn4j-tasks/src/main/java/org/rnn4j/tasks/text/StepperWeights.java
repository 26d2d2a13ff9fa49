package org.rnn4j.tasks.text;

import java.util.Map;
import java.util.SplittableRandom;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tensor.Tensor;

/**
 * The weights a {@link CharStepper} reads, as plain row-major arrays (PyTorch's shapes):
 * <pre>
 *   embedding [V, E]
 *   wih[l] [G·H, in_l]  (in_0 = E, else H)     whh[l] [G·H, H]     bih[l], bhh[l] [G·H]
 *   head [V, H]         headBias [V]
 * </pre>
 * taken from a {@link CharLanguageModel} ({@link #of}), or made up for the sampler's warm-up
 * ({@link #synthetic}), which must not draw from the default generator that models share.
 */
record StepperWeights(CellType cell, int layers, int hidden, int embed, float[] embedding,
                      float[][] wih, float[][] whh, float[][] bih, float[][] bhh, float[] head, float[] headBias) {

    int vocab() {
        return embedding.length / embed;
    }

    /** {@code model}'s current weights; it must be a unidirectional stack with PyTorch's activations. */
    static StepperWeights of(CharLanguageModel model) {
        RecurrentConfig rc = model.config();
        if (rc.bidirectional() || rc.projSize() > 0 || rc.peephole() || rc.activation() != Activation.TANH
                || rc.gateActivation() != Activation.SIGMOID) {
            throw new IllegalArgumentException("CharStepper: a unidirectional stack with PyTorch's activations, without"
                    + " projections or peepholes, is expected, got " + rc);
        }
        Map<String, Tensor> p = model.namedParameters();
        int layers = rc.numLayers();
        int rows = rc.cell().gates() * rc.hiddenSize();
        float[][] wih = new float[layers][];
        float[][] whh = new float[layers][];
        float[][] bih = new float[layers][];
        float[][] bhh = new float[layers][];
        try (var off = GradMode.noGrad()) {
            for (int l = 0; l < layers; l++) {
                wih[l] = p.get("rnn.weight_ih_l" + l).contiguous().toFloatArray();
                whh[l] = p.get("rnn.weight_hh_l" + l).contiguous().toFloatArray();
                bih[l] = vector(p.get("rnn.bias_ih_l" + l), rows);
                bhh[l] = vector(p.get("rnn.bias_hh_l" + l), rows);
            }
            return new StepperWeights(rc.cell(), layers, rc.hiddenSize(), model.embed(),
                    p.get("embedding.weight").contiguous().toFloatArray(), wih, whh, bih, bhh,
                    p.get("head.weight").contiguous().toFloatArray(), p.get("head.bias").contiguous().toFloatArray());
        }
    }

    private static float[] vector(Tensor b, int rows) {
        return b == null ? new float[rows] : b.contiguous().toFloatArray();
    }

    /**
     * Made-up weights of the given sizes, from {@code seed}. Each row has its own scale, from 0.01
     * to 30, so that the gates' inputs reach every branch of the activations (tanh's polynomial and
     * its exp form, exp's overflow and underflow) as a trained model's do.
     */
    static StepperWeights synthetic(CellType cell, int vocab, int embed, int hidden, int layers, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = cell.gates() * hidden;
        float[][] wih = new float[layers][];
        float[][] whh = new float[layers][];
        float[][] bih = new float[layers][];
        float[][] bhh = new float[layers][];
        for (int l = 0; l < layers; l++) {
            wih[l] = matrix(r, rows, l == 0 ? embed : hidden);
            whh[l] = matrix(r, rows, hidden);
            bih[l] = matrix(r, rows, 1);
            bhh[l] = matrix(r, rows, 1);
        }
        return new StepperWeights(cell, layers, hidden, embed, matrix(r, vocab, embed), wih, whh, bih, bhh,
                matrix(r, vocab, hidden), matrix(r, vocab, 1));
    }

    private static float[] matrix(SplittableRandom r, int rows, int cols) {
        float[] m = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            double scale = Math.pow(10, r.nextDouble(-2, 1.5));
            for (int j = 0; j < cols; j++) m[i * cols + j] = (float) (scale * r.nextDouble(-1, 1));
        }
        return m;
    }
}
