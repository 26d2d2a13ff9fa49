package org.rnn4j.tasks.text;

import java.util.Map;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tensor.Tensor;

/**
 * A {@link CharLanguageModel} in eval mode run one character at a time, for sampling: the same
 * equations as the model's recurrent stack (PyTorch's, gate order as PyTorch's), each layer's two
 * products a matrix-vector product with a transposed copy of its weights made once here, the
 * gates computed in double:
 * <pre>
 *   a = W_ih x + b_ih,   r = W_hh h + b_hh                        (per layer, x the layer below's h)
 *   LSTM: i, f, g, o = σ(a_i + r_i), σ(a_f + r_f), tanh(a_g + r_g), σ(a_o + r_o)
 *         c' = f c + i g,   h' = o tanh(c')
 *   GRU:  r_t, z = σ(a_r + r_r), σ(a_z + r_z),   n = tanh(a_n + r_t (r_n)),   h' = (1 − z) n + z h
 *   RNN:  h' = tanh(a + r)
 *   logits = W_head h'_top + b_head
 * </pre>
 * Why not the model's own forward: a recurrent layer's call prepares its weights for a whole
 * sequence (a transposed W_hh, per-thread slices), which for one step costs more than the step.
 * The results agree with the model's forward to float rounding (not bit for bit). Not thread-safe.
 */
final class CharStepper {
    private final CellType cell;
    private final int layers;
    private final int hidden;
    private final int embed;
    private final float[] embedding; // [V, E]
    private final Tensor[] wihT;     // per layer [I, G*H]
    private final Tensor[] whhT;     // per layer [H, G*H]
    private final float[][] bih;     // per layer [G*H]
    private final float[][] bhh;
    private final Tensor headT;      // [H, V]
    private final float[] headBias;  // [V]
    private final float[][] h;       // per layer [H]
    private final float[][] c;       // per layer [H], LSTM only

    /** A stepper over {@code model}'s current weights, starting from {@code state} ([L, 1, H]; null: zeros). */
    CharStepper(CharLanguageModel model, RecurrentState state) {
        RecurrentConfig rc = model.config();
        if (rc.bidirectional() || rc.projSize() > 0 || rc.peephole() || rc.activation() != Activation.TANH
                || rc.gateActivation() != Activation.SIGMOID) {
            throw new IllegalArgumentException("CharStepper: a unidirectional stack with PyTorch's activations, without"
                    + " projections or peepholes, is expected, got " + rc);
        }
        Map<String, Tensor> p = model.namedParameters();
        this.cell = rc.cell();
        this.layers = rc.numLayers();
        this.hidden = rc.hiddenSize();
        this.embed = model.embed();
        try (var off = GradMode.noGrad()) {
            this.embedding = p.get("embedding.weight").contiguous().toFloatArray();
            this.wihT = new Tensor[layers];
            this.whhT = new Tensor[layers];
            this.bih = new float[layers][];
            this.bhh = new float[layers][];
            for (int l = 0; l < layers; l++) {
                wihT[l] = p.get("rnn.weight_ih_l" + l).detach().transpose(0, 1).contiguous();
                whhT[l] = p.get("rnn.weight_hh_l" + l).detach().transpose(0, 1).contiguous();
                bih[l] = bias(p.get("rnn.bias_ih_l" + l));
                bhh[l] = bias(p.get("rnn.bias_hh_l" + l));
            }
            this.headT = p.get("head.weight").detach().transpose(0, 1).contiguous();
            this.headBias = p.get("head.bias").contiguous().toFloatArray();
        }
        this.h = rows(state == null ? null : state.h());
        this.c = cell == CellType.LSTM ? rows(state == null ? null : state.c()) : null;
    }

    private float[] bias(Tensor b) {
        return b == null ? new float[cell.gates() * hidden] : b.contiguous().toFloatArray();
    }

    private float[][] rows(Tensor s) {
        float[][] out = new float[layers][hidden];
        if (s == null) return out;
        float[] v = s.contiguous().toFloatArray();
        for (int l = 0; l < layers; l++) System.arraycopy(v, l * hidden, out[l], 0, hidden);
        return out;
    }

    /** Reads character {@code index}; returns the logits of the next one [V]. */
    float[] step(int index) {
        float[] x = new float[embed];
        System.arraycopy(embedding, index * embed, x, 0, embed);
        try (var off = GradMode.noGrad()) {
            for (int l = 0; l < layers; l++) {
                float[] a = product(x, wihT[l], bih[l]);
                float[] r = product(h[l], whhT[l], bhh[l]);
                switch (cell) {
                    case LSTM -> lstm(l, a, r);
                    case GRU -> gru(l, a, r);
                    case RNN -> rnn(l, a, r);
                }
                x = h[l];
            }
            return product(x, headT, headBias);
        }
    }

    /** v [K] times wT [K, N] plus b [N]. */
    private static float[] product(float[] v, Tensor wT, float[] b) {
        float[] out = Tensor.of(v, 1, v.length).matmul(wT).toFloatArray();
        for (int j = 0; j < out.length; j++) out[j] += b[j];
        return out;
    }

    private void lstm(int l, float[] a, float[] r) {
        int n = hidden;
        float[] hl = h[l];
        float[] cl = c[l];
        for (int j = 0; j < n; j++) {
            double i = sigmoid(a[j] + r[j]);
            double f = sigmoid(a[n + j] + r[n + j]);
            double g = Math.tanh(a[2 * n + j] + r[2 * n + j]);
            double o = sigmoid(a[3 * n + j] + r[3 * n + j]);
            float cNew = (float) (f * cl[j] + i * g);
            cl[j] = cNew;
            hl[j] = (float) (o * Math.tanh(cNew));
        }
    }

    private void gru(int l, float[] a, float[] r) {
        int n = hidden;
        float[] hl = h[l];
        for (int j = 0; j < n; j++) {
            double reset = sigmoid(a[j] + r[j]);
            double z = sigmoid(a[n + j] + r[n + j]);
            double cand = Math.tanh(a[2 * n + j] + reset * r[2 * n + j]);
            hl[j] = (float) ((1 - z) * cand + z * hl[j]);
        }
    }

    private void rnn(int l, float[] a, float[] r) {
        float[] hl = h[l];
        for (int j = 0; j < hidden; j++) hl[j] = (float) Math.tanh(a[j] + r[j]);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
