package org.rnn4j.tasks.text;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.rnn4j.nn.Activation;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tensor.Tensor;

/**
 * A {@link CharLanguageModel} in eval mode run one character at a time, for sampling: the same
 * equations as the model's recurrent stack (PyTorch's, gate order as PyTorch's), each product a
 * {@link PanelVectorProduct} over weights packed once here, the activations {@link Activation}'s:
 * <pre>
 *   a = W_ih x + b_ih,   r = W_hh h + b_hh                        (per layer, x the layer below's h)
 *   LSTM: i, f, g, o = σ(a_i + r_i), σ(a_f + r_f), tanh(a_g + r_g), σ(a_o + r_o)
 *         c' = f c + i g,   h' = o tanh(c')
 *   GRU:  r_t, z = σ(a_r + r_r), σ(a_z + r_z),   n = tanh(a_n + r_t (r_n)),   h' = (1 − z) n + z h
 *   RNN:  h' = tanh(a + r)
 *   logits = W_head h'_top + b_head
 * </pre>
 * The first layer's x is an embedding row, one of V: its a is looked up in a table of all V made
 * here (W_ih E[v] + b_ih), unless the table would be large ({@code tableLimit}), which saves
 * streaming W_ih for every character.
 *
 * <p>Why not the model's own forward: a recurrent layer's call prepares its weights for a whole
 * sequence (a transposed W_hh, per-thread slices), which for one step costs more than the step.
 *
 * <p>Why two halves: at batch 1 a step streams every weight once (3.2 MB for two LSTM layers of
 * 256), more than one core's L2, so one thread waits on L3. Each layer is split by units: half 0
 * on the caller, half 1 on a {@link HalfWorker}, each with the rows of its own units' gates, so
 * each core keeps its half of the weights in its L2 and computes its units' new state without
 * waiting for the other; the halves meet once per layer, when the next layer needs all of h. A
 * unit's value does not depend on the split.
 *
 * <p>The results agree with the model's forward to float rounding (not bit for bit). Not
 * thread-safe; {@link #close} it.
 */
final class CharStepper implements AutoCloseable {
    /** The largest first-layer table, in floats (V · G · H): 64 MiB. */
    static final long TABLE_LIMIT = 1L << 24;

    private final CellType cell;
    private final int layers;
    private final int hidden;
    private final int embed;
    private final int vocab;
    private final int[] unitStart;   // half -> first unit: {0, H/2, H}
    private final int[] headStart;   // half -> first logit: {0, V/2, V}
    private final float[] embedding; // [V, E]
    private final float[][] table;   // [half]: [V, G*units of the half], W_ih0 E[v] + b_ih0; null: no table
    private final PanelVectorProduct[][] inputProducts;  // [layer][half]; layer 0 only without a table
    private final PanelVectorProduct[][] hiddenProducts; // [layer][half]
    private final PanelVectorProduct[] headProducts;     // [half]
    private final float[][][] a;     // [layer][half]: scratch [G*units of the half], W_ih x + b_ih
    private final float[][][] r;     // [layer][half]: scratch, W_hh h + b_hh
    private final float[] x0;        // [E] the embedding row of the character read (no table)
    private final float[][] headOut; // [half]: scratch [V columns of the half]
    private final float[] logits;    // [V], both halves copy their columns here
    private final float[][] h;       // per layer [H]
    private final float[][] hNext;   // per layer [H]: the step's new state, swapped with h after the layer
    private final float[][] c;       // per layer [H], LSTM only
    private final IntConsumer[] layerJobs; // per layer: half -> layerHalf(l, half)
    private final IntConsumer headJob;
    private final HalfWorker halves;
    private int character;           // the character being read
    private final BooleanSupplier vectorReady;
    private PanelKernel kernel;      // this step's: vector once warm, else plain (the same bits)

    /** A stepper over {@code model}'s current weights, starting from {@code state} ([L, 1, H]; null: zeros). */
    CharStepper(CharLanguageModel model, RecurrentState state) {
        this(model, state, TABLE_LIMIT, VectorWarmUp::warm);
    }

    /**
     * As above; the first layer uses a table when V · G · H is at most {@code tableLimit}, and a
     * step uses the vector kernels (and two threads) when {@code vectorReady} says so and the
     * Vector API is present.
     */
    CharStepper(CharLanguageModel model, RecurrentState state, long tableLimit, BooleanSupplier vectorReady) {
        this(StepperWeights.of(model), state == null ? null : state.h(), state == null ? null : state.c(), tableLimit,
                vectorReady, new HalfWorker());
        VectorWarmUp.start();
    }

    /**
     * A stepper over {@code w} from h0 and c0 ([L, 1, H]; null: zeros), its halves run by
     * {@code halves} (which it closes).
     */
    CharStepper(StepperWeights w, Tensor h0, Tensor c0, long tableLimit, BooleanSupplier vectorReady, HalfWorker halves) {
        this.cell = w.cell();
        this.layers = w.layers();
        this.hidden = w.hidden();
        this.embed = w.embed();
        this.embedding = w.embedding();
        this.vocab = w.vocab();
        this.unitStart = new int[] {0, hidden / 2, hidden};
        int g = cell.gates();
        this.a = new float[layers][2][];
        this.r = new float[layers][2][];
        this.inputProducts = new PanelVectorProduct[layers][2];
        this.hiddenProducts = new PanelVectorProduct[layers][2];
        this.headProducts = new PanelVectorProduct[2];
        this.headOut = new float[2][];
        boolean useTable = (long) vocab * g * hidden <= tableLimit;
        float[][] tables = useTable ? new float[2][] : null;
        this.vectorReady = vectorReady;
        PanelKernel tableKernel = vectorNow() ? PanelVectorProduct.VECTOR : PanelVectorProduct.SCALAR;
        for (int l = 0; l < layers; l++) {
            for (int half = 0; half < 2; half++) {
                int[] rows = gateRows(g, unitStart[half], unitStart[half + 1]);
                a[l][half] = new float[rows.length];
                r[l][half] = new float[rows.length];
                if (l == 0 && useTable) {
                    tables[half] = table(w.wih()[0], w.bih()[0], rows, tableKernel);
                } else {
                    inputProducts[l][half] = new PanelVectorProduct(w.wih()[l], l == 0 ? embed : hidden, rows, w.bih()[l]);
                }
                hiddenProducts[l][half] = new PanelVectorProduct(w.whh()[l], hidden, rows, w.bhh()[l]);
            }
        }
        this.headStart = new int[] {0, vocab / 2, vocab};
        for (int half = 0; half < 2; half++) {
            int[] rows = gateRows(1, headStart[half], headStart[half + 1]);
            headProducts[half] = new PanelVectorProduct(w.head(), hidden, rows, w.headBias());
            headOut[half] = new float[rows.length];
        }
        this.table = tables;
        this.x0 = new float[embed];
        this.logits = new float[vocab];
        this.h = rows(h0);
        this.hNext = new float[layers][hidden];
        this.c = cell == CellType.LSTM ? rows(c0) : null;
        this.layerJobs = new IntConsumer[layers];
        for (int l = 0; l < layers; l++) {
            int layer = l;
            layerJobs[l] = half -> layerHalf(layer, half);
        }
        this.headJob = this::headHalf;
        this.halves = halves;
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

    /**
     * [V, rows.length]: row v is W_ih[rows] E[v] + b_ih[rows], the layer's input product for
     * each embedding row, by {@code kernel} (the vector one once it is compiled: tens of
     * milliseconds less, in cold code, than plain loops before the first character).
     */
    private float[] table(float[] wih, float[] bih, int[] rows, PanelKernel kernel) {
        int n = rows.length;
        PanelVectorProduct product = new PanelVectorProduct(wih, embed, rows, bih);
        float[] t = new float[vocab * n];
        float[] e = new float[embed];
        float[] out = new float[n];
        for (int v = 0; v < vocab; v++) {
            System.arraycopy(embedding, v * embed, e, 0, embed);
            product.apply(e, out, kernel);
            System.arraycopy(out, 0, t, v * n, n);
        }
        return t;
    }

    private float[][] rows(Tensor s) {
        float[][] out = new float[layers][hidden];
        if (s == null) return out;
        float[] v = s.contiguous().toFloatArray();
        for (int l = 0; l < layers; l++) System.arraycopy(v, l * hidden, out[l], 0, hidden);
        return out;
    }

    /** Whether the vector kernels (and two threads) run now: the Vector API is present and {@code vectorReady} says so. */
    private boolean vectorNow() {
        return PanelVectorProduct.VECTOR != null && vectorReady.getAsBoolean();
    }

    /**
     * Reads character {@code index}; returns the logits of the next one [V]. The array is this
     * stepper's own and is overwritten by the next step.
     */
    float[] step(int index) {
        if (index < 0 || index >= vocab) {
            throw new IllegalArgumentException("CharStepper: a character index in [0, " + vocab + ") is expected, got " + index);
        }
        character = index;
        boolean vector = vectorNow();
        kernel = vector ? PanelVectorProduct.VECTOR : PanelVectorProduct.SCALAR;
        if (table == null) System.arraycopy(embedding, index * embed, x0, 0, embed);
        for (int l = 0; l < layers; l++) {
            run(layerJobs[l], vector);
            float[] old = h[l]; // both halves read all of h[l]: swap only now
            h[l] = hNext[l];
            hNext[l] = old;
        }
        run(headJob, vector);
        return logits;
    }

    /**
     * Both halves of a job: on two threads once the vector kernels are warm; before, both here,
     * leaving the other core to the compiler and the warm-up (a spinning half waiting for a
     * descheduled one would cost more than it saves).
     */
    private void run(IntConsumer job, boolean split) {
        if (split) {
            halves.run(job);
        } else {
            job.accept(0);
            job.accept(1);
        }
    }

    /**
     * y[off, off + n) = f(y), one at a time: {@link Activation#applyInPlace}'s vector path gives
     * the same bits but would be one more Vector API kernel to wait for (it made the vector
     * kernels' warm-up three times longer), for a few microseconds a character.
     */
    private static void activate(Activation f, float[] y, int off, int n) {
        for (int i = off; i < off + n; i++) y[i] = f.apply(y[i]);
    }

    /** Units [unitStart[half], unitStart[half+1]) of layer l: their gates, then their new state in hNext[l] (and c[l]). */
    private void layerHalf(int l, int half) {
        float[] al = a[l][half];
        float[] rl = r[l][half];
        if (l == 0 && table != null) {
            System.arraycopy(table[half], character * al.length, al, 0, al.length);
        } else {
            inputProducts[l][half].apply(l == 0 ? x0 : h[l - 1], al, kernel);
        }
        hiddenProducts[l][half].apply(h[l], rl, kernel);
        int from = unitStart[half];
        int w = unitStart[half + 1] - from;
        switch (cell) {
            case LSTM -> lstm(l, al, rl, from, w);
            case GRU -> gru(l, al, rl, from, w);
            case RNN -> rnn(l, al, rl, from, w);
        }
    }

    /** Logits [headStart[half], headStart[half+1]) from the top layer's h. */
    private void headHalf(int half) {
        float[] part = headOut[half];
        headProducts[half].apply(h[layers - 1], part, kernel);
        System.arraycopy(part, 0, logits, headStart[half], part.length);
    }

    /**
     * Units from .. from+w-1; gate q of unit from+j at q*w + j in a and r; a is overwritten. The
     * activations are {@link Activation}'s, the model's own (the same bits as its kernels).
     */
    private void lstm(int l, float[] a, float[] r, int from, int w) {
        for (int j = 0; j < 4 * w; j++) a[j] += r[j];
        activate(Activation.SIGMOID, a, 0, 2 * w); // i, f
        activate(Activation.TANH, a, 2 * w, w);    // g
        activate(Activation.SIGMOID, a, 3 * w, w); // o
        float[] cl = c[l];
        float[] cell = r; // r is spent: its first w hold tanh(c')
        for (int j = 0; j < w; j++) {
            float cNew = a[w + j] * cl[from + j] + a[j] * a[2 * w + j];
            cl[from + j] = cNew;
            cell[j] = cNew;
        }
        activate(Activation.TANH, cell, 0, w);
        float[] hNew = hNext[l];
        for (int j = 0; j < w; j++) hNew[from + j] = a[3 * w + j] * cell[j];
    }

    private void gru(int l, float[] a, float[] r, int from, int w) {
        for (int j = 0; j < 2 * w; j++) a[j] += r[j];
        activate(Activation.SIGMOID, a, 0, 2 * w); // r_t, z
        for (int j = 0; j < w; j++) a[2 * w + j] += a[j] * r[2 * w + j];
        activate(Activation.TANH, a, 2 * w, w);    // n
        float[] hl = h[l];
        float[] hNew = hNext[l];
        for (int j = 0; j < w; j++) {
            float z = a[w + j];
            hNew[from + j] = (1 - z) * a[2 * w + j] + z * hl[from + j];
        }
    }

    private void rnn(int l, float[] a, float[] r, int from, int w) {
        for (int j = 0; j < w; j++) a[j] += r[j];
        activate(Activation.TANH, a, 0, w);
        System.arraycopy(a, 0, hNext[l], from, w);
    }

    /** Stops the second thread. */
    @Override
    public void close() {
        halves.close();
    }
}
