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
 * products a vector-matrix product with a transposed copy of its weights made once here, the
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
 *
 * <p>Why two halves: at batch 1 a step streams every weight once (3.3 MB for two LSTM layers of
 * 256), more than one core's L2, so one thread waits on L3. Each layer is split by units: half 0
 * on the caller, half 1 on a {@link HalfWorker}, each with the columns of its own units' gates
 * (copied once, gate-major), so each core keeps its half of the weights in its L2 and computes its
 * units' new state without waiting for the other; the halves meet once per layer, when the next
 * layer needs all of h. A unit's value does not depend on the split.
 *
 * <p>The results agree with the model's forward to float rounding (not bit for bit). Not
 * thread-safe; {@link #close} it.
 */
final class CharStepper implements AutoCloseable {
    private final CellType cell;
    private final int layers;
    private final int hidden;
    private final int embed;
    private final int[] unitStart;   // half -> first unit: {0, H/2, H}
    private final float[] embedding; // [V, E]
    private final Tensor[][] wihT;   // [layer][half]: [I, G*units of the half], gate-major
    private final Tensor[][] whhT;   // [layer][half]: [H, G*units of the half]
    private final float[][][] bih;   // [layer][half]: [G*units of the half]
    private final float[][][] bhh;
    private final Tensor[] headT;    // [half]: [H, V columns of the half]
    private final float[][] headBias;
    private final float[][] h;       // per layer [H]
    private final float[][] hNext;   // per layer [H]: the step's new state, swapped with h after the layer
    private final float[][] c;       // per layer [H], LSTM only
    private final HalfWorker halves = new HalfWorker();

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
        this.unitStart = new int[] {0, hidden / 2, hidden};
        int g = cell.gates();
        this.wihT = new Tensor[layers][2];
        this.whhT = new Tensor[layers][2];
        this.bih = new float[layers][2][];
        this.bhh = new float[layers][2][];
        this.headT = new Tensor[2];
        this.headBias = new float[2][];
        try (var off = GradMode.noGrad()) {
            this.embedding = p.get("embedding.weight").contiguous().toFloatArray();
            for (int l = 0; l < layers; l++) {
                Tensor wih = p.get("rnn.weight_ih_l" + l);
                float[] wi = wih.contiguous().toFloatArray();
                float[] wh = p.get("rnn.weight_hh_l" + l).contiguous().toFloatArray();
                float[] bi = bias(p.get("rnn.bias_ih_l" + l));
                float[] bh = bias(p.get("rnn.bias_hh_l" + l));
                for (int half = 0; half < 2; half++) {
                    int[] rows = gateRows(g, unitStart[half], unitStart[half + 1]);
                    wihT[l][half] = transposedRows(wi, wih.shape()[1], rows);
                    whhT[l][half] = transposedRows(wh, hidden, rows);
                    bih[l][half] = pick(bi, rows);
                    bhh[l][half] = pick(bh, rows);
                }
            }
            float[] head = p.get("head.weight").contiguous().toFloatArray();
            float[] hb = p.get("head.bias").contiguous().toFloatArray();
            int v = hb.length;
            for (int half = 0; half < 2; half++) {
                int[] rows = gateRows(1, half == 0 ? 0 : v / 2, half == 0 ? v / 2 : v);
                headT[half] = transposedRows(head, hidden, rows);
                headBias[half] = pick(hb, rows);
            }
        }
        this.h = rows(state == null ? null : state.h());
        this.hNext = new float[layers][hidden];
        this.c = cell == CellType.LSTM ? rows(state == null ? null : state.c()) : null;
    }

    /** The weight rows of units [from, to) of every gate, gate-major: g*H + j. */
    private int[] gateRows(int gates, int from, int to) {
        int w = to - from;
        int[] rows = new int[gates * w];
        for (int gate = 0; gate < gates; gate++) {
            for (int j = 0; j < w; j++) rows[gate * w + j] = gate * hidden + from + j;
        }
        return rows;
    }

    /** Rows {@code rows} of w [*, k], transposed: [k, rows.length]. */
    private static Tensor transposedRows(float[] w, int k, int[] rows) {
        int n = rows.length;
        float[] t = new float[k * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < k; i++) t[i * n + j] = w[rows[j] * k + i];
        }
        return Tensor.of(t, k, n);
    }

    private static float[] pick(float[] v, int[] rows) {
        float[] out = new float[rows.length];
        for (int j = 0; j < rows.length; j++) out[j] = v[rows[j]];
        return out;
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
        for (int l = 0; l < layers; l++) {
            int layer = l;
            float[] in = x;
            halves.run(half -> layerHalf(layer, in, half));
            float[] old = h[l]; // both halves read all of h[l]: swap only now
            h[l] = hNext[l];
            hNext[l] = old;
            x = h[l];
        }
        float[] top = x;
        float[][] parts = new float[2][];
        halves.run(half -> parts[half] = product(top, headT[half], headBias[half]));
        float[] logits = new float[parts[0].length + parts[1].length];
        System.arraycopy(parts[0], 0, logits, 0, parts[0].length);
        System.arraycopy(parts[1], 0, logits, parts[0].length, parts[1].length);
        return logits;
    }

    /** Units [unitStart[half], unitStart[half+1]) of layer l: their gates, then their new state in hNext[l] (and c[l]). */
    private void layerHalf(int l, float[] x, int half) {
        try (var off = GradMode.noGrad()) {
            float[] a = product(x, wihT[l][half], bih[l][half]);
            float[] r = product(h[l], whhT[l][half], bhh[l][half]);
            int from = unitStart[half];
            int w = unitStart[half + 1] - from;
            switch (cell) {
                case LSTM -> lstm(l, a, r, from, w);
                case GRU -> gru(l, a, r, from, w);
                case RNN -> rnn(l, a, r, from, w);
            }
        }
    }

    /** v [K] times wT [K, N] plus b [N] (the library's direct path for one row). */
    private static float[] product(float[] v, Tensor wT, float[] b) {
        float[] out = Tensor.of(v, 1, v.length).matmul(wT).toFloatArray();
        for (int j = 0; j < out.length; j++) out[j] += b[j];
        return out;
    }

    /** Units from .. from+w-1; gate q of unit from+j at q*w + j in a and r. */
    private void lstm(int l, float[] a, float[] r, int from, int w) {
        float[] hNew = hNext[l];
        float[] cl = c[l];
        for (int j = 0; j < w; j++) {
            double i = sigmoid(a[j] + r[j]);
            double f = sigmoid(a[w + j] + r[w + j]);
            double g = Math.tanh(a[2 * w + j] + r[2 * w + j]);
            double o = sigmoid(a[3 * w + j] + r[3 * w + j]);
            float cNew = (float) (f * cl[from + j] + i * g);
            cl[from + j] = cNew;
            hNew[from + j] = (float) (o * Math.tanh(cNew));
        }
    }

    private void gru(int l, float[] a, float[] r, int from, int w) {
        float[] hl = h[l];
        float[] hNew = hNext[l];
        for (int j = 0; j < w; j++) {
            double reset = sigmoid(a[j] + r[j]);
            double z = sigmoid(a[w + j] + r[w + j]);
            double cand = Math.tanh(a[2 * w + j] + reset * r[2 * w + j]);
            hNew[from + j] = (float) ((1 - z) * cand + z * hl[from + j]);
        }
    }

    private void rnn(int l, float[] a, float[] r, int from, int w) {
        float[] hNew = hNext[l];
        for (int j = 0; j < w; j++) hNew[from + j] = (float) Math.tanh(a[j] + r[j]);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Stops the second thread. */
    @Override
    public void close() {
        halves.close();
    }
}
