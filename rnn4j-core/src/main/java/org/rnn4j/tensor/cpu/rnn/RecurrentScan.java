package org.rnn4j.tensor.cpu.rnn;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.rnn4j.internal.backend.LayerOutputGrads;
import org.rnn4j.tensor.cpu.gemm.Gemm;
import org.rnn4j.tensor.cpu.math.Elementwise;
import org.rnn4j.tensor.cpu.parallel.BufferPool;
import org.rnn4j.tensor.cpu.parallel.GemmPool;

/**
 * One direction of one recurrent layer over a whole sequence, forward and backward (BPTT), as
 * ATen decomposes it:
 * <ul>
 * <li>before the loop, one GEMM projects every step's input: {@code xp = X W_ih^T} (plus b_ih,
 *     which LSTM and Elman cells add on the hidden side instead, see {@link #forward});
 * <li>per step, one GEMM {@code hp = h W_hh^T + b_hh} and one fused point-wise cell pass
 *     ({@link CellKernel}), plus {@code h = hpre W_hr^T} under projection;
 * <li>backward walks the steps in reverse, one GEMM per step for dh, then computes
 *     {@code dW_hh}, {@code dW_ih}, {@code dX} (and {@code dW_hr}) each as ONE GEMM over all
 *     steps.
 * </ul>
 * Nothing is allocated inside the time loop; the big workspaces come from {@link BufferPool}.
 * Large scans run on two threads ({@link PersistentScan}); the two directions of a small
 * bidirectional layer run at once ({@link #runDirections}).
 */
public final class RecurrentScan {
    private static final Elementwise EW = Elementwise.get();

    private RecurrentScan() {}

    /**
     * @param x  [N, I] input by time (row-major at offset 0): [T, B, I] for a dense batch, PyTorch's
     *           packed data for a packed one ({@link StepRows})
     * @param h0 [D, B, P] the layer's initial hidden states (this direction's at its index), or null for zeros
     * @param c0 [D, B, H] the layer's initial cell states (LSTM), or null for zeros
     */
    public static void forward(ScanDirection d, float[] x, float[] h0, float[] c0) {
        CellKernel cell = d.cell();
        ScanState st = d.st();
        StepRows rows = st.layout;
        ScanWeights w = d.w();
        int inputSize = d.inputSize();
        int gh = st.gates * st.hidden;
        int p = st.outHidden;
        Gemm.sgemm(false, true, st.total, gh, inputSize, x, 0, inputSize, w.wih(), 0, inputSize, 0f, st.xp, 0, gh);
        if (cell.sumsProjections() && w.bih() != null) {
            // b_ih joins b_hh, added per step to the (cached) hidden projection: a pass over all of
            // xp [T, B, G*H] (26 MB for a medium layer) is saved. The gate pre-activation is then
            // (h W_hh^T + (b_hh + b_ih)) + x W_ih^T on every path.
            w = new ScanWeights(w.wih(), w.whh(), null, sumBiases(w.bhh(), w.bih()), w.whr());
        } else if (w.bih() != null) {
            addRowBias(st.xp, st.total, gh, w.bih());
        }
        st.initialState(h0, d.index() * st.batch * p, c0, d.index() * st.batch * st.hidden);
        // Big enough scans: two threads, each owning half of the batch rows (or of the hidden
        // units, for small batches) for the whole scan.
        if (PersistentScan.forward(cell, st, w)) return;
        // W_hh^T [P, G*H], once per call: each step's product then reads B row by row in place
        // (the few-row NN kernel) instead of dotting along W_hh's rows.
        float[] whhT = transpose(w.whh(), gh, p, BufferPool.take(gh * p));
        for (int s = 0; s < st.steps; s++) {
            int n = rows.rows(s);
            // hp = h[s] W_hh^T + b_hh : [n, P] x [P, G*H]
            Gemm.sgemm(false, false, n, gh, p, st.h, rows.inRow(s) * p, p, whhT, 0, gh, 0f, st.hp, 0, gh);
            if (w.bhh() != null) addRowBias(st.hp, n, gh, w.bhh());
            cell.forward(st, s);
            if (st.hpre != null) {
                // h[s+1] = hpre[s] W_hr^T : [n, H] x [P, H]^T, the continuing rows into the next
                // slot and the ending ones into the final slot (StepRows)
                int cont = rows.continuing(s);
                int hpreOff = rows.inRow(s) * st.hidden;
                Gemm.sgemm(false, true, cont, p, st.hidden, st.hpre, hpreOff, st.hidden,
                        w.whr(), 0, st.hidden, 0f, st.h, rows.inRow(s + 1) * p, p);
                Gemm.sgemm(false, true, n - cont, p, st.hidden, st.hpre, hpreOff + cont * st.hidden, st.hidden,
                        w.whr(), 0, st.hidden, 0f, st.h, rows.outRow(s, cont) * p, p);
            }
        }
        BufferPool.give(whhT);
    }

    /**
     * BPTT for one direction.
     *
     * @param dy         the gradients of the layer's outputs (output [N, D*P] by time, h_n [D, B, P],
     *                   c_n [D, B, H]; each null where none flowed); this direction's part is at its index
     * @param directions D, the layer's direction count
     * @param x          [N, I] the forward input
     * @param dx         [N, I] input gradient, accumulated (+=), or null if not wanted
     * @param dw         weight gradient accumulators (+=)
     * On return g.dh holds dL/dh0 [B, P] and g.dc dL/dc0 [B, H].
     */
    public static void backward(ScanDirection d, ScanGrads g, ScanWeightGrads dw, LayerOutputGrads dy,
                                int directions, float[] x, float[] dx) {
        CellKernel cell = d.cell();
        ScanState st = d.st();
        StepRows rows = st.layout;
        ScanWeights w = d.w();
        int inputSize = d.inputSize();
        float[] dOut = dy.output();
        int ldOut = directions * st.outHidden;
        int dOutCol = d.index() * st.outHidden;
        int bsz = st.batch;
        int p = st.outHidden;
        int hsz = st.hidden;
        int gh = st.gates * hsz;
        int tb = st.total;
        g.start(dy.hn(), d.index() * bsz * p, dy.cn(), d.index() * bsz * hsz);
        // Big enough scans: two threads, each owning half of the batch rows, or of the hidden units
        // (and of dh's columns).
        boolean done = PersistentScan.backward(cell, st, g, w, dOut, ldOut, dOutCol);
        for (int s = done ? -1 : st.steps - 1; s >= 0; s--) {
            int n = rows.rows(s);
            if (dOut != null) {
                int xRow = rows.xRow(s);
                for (int b = 0; b < n; b++) {
                    EW.add(g.dh, b * p, dOut, (xRow + b) * ldOut + dOutCol, g.dh, b * p, p);
                }
            }
            if (g.dhpre != null) {
                System.arraycopy(g.dh, 0, g.dhAll, rows.inRow(s) * p, n * p);
                // dhpre = dh W_hr : [n, P] x [P, H]
                Gemm.sgemm(false, false, n, hsz, p, g.dh, 0, p, w.whr(), 0, hsz, 0f, g.dhpre, 0, hsz);
            }
            cell.backward(st, g, s);
            // dh[s] = direct term + dhp[s] W_hh : [n, G*H] x [G*H, P]
            Gemm.sgemm(false, false, n, p, gh, g.dhp, rows.inRow(s) * gh, gh, w.whh(), 0, p, 1f, g.dhNext, 0, p);
            float[] tmp = g.dh;
            g.dh = g.dhNext;
            g.dhNext = tmp;
            g.keepInitialGrads(rows, s, g.wholeDh(), g.dh, g.dhNext);
        }
        if (tb == 0) return;
        if (dw.whh() != null) { // dW_hh += dHP^T [G*H, N] · Hprev [N, P] (state slots 0..T-1, by step)
            Gemm.sgemm(true, false, gh, p, tb, g.dhp, 0, gh, st.h, 0, p, 1f, dw.whh(), 0, p);
        }
        // Shared dxp and dhp (LSTM, Elman, forward direction): both biases get the same column
        // sums, summed once (a pass over [N, G*H] less) and added to each accumulator.
        boolean sharedSums = g.dhp == g.dxp && dw.bhh() != null && dw.bih() != null;
        if (sharedSums) {
            float[] sums = new float[gh];
            addColumnSums(g.dxp, tb, gh, sums);
            EW.add(dw.bhh(), 0, sums, 0, dw.bhh(), 0, gh);
            EW.add(dw.bih(), 0, sums, 0, dw.bih(), 0, gh);
        } else if (dw.bhh() != null) {
            addColumnSums(g.dhp, tb, gh, dw.bhh());
        }
        if (dw.wih() != null) { // dW_ih += dXP^T [G*H, N] · X [N, I]
            Gemm.sgemm(true, false, gh, inputSize, tb, g.dxp, 0, gh, x, 0, inputSize, 1f, dw.wih(), 0, inputSize);
        }
        if (dw.bih() != null && !sharedSums) addColumnSums(g.dxp, tb, gh, dw.bih());
        if (dx != null) addInputGrad(d, g, dx);
        if (dw.whr() != null) { // dW_hr += dHAll^T [P, N] · Hpre [N, H]
            Gemm.sgemm(true, false, p, hsz, tb, g.dhAll, 0, p, st.hpre, 0, hsz, 1f, dw.whr(), 0, hsz);
        }
    }

    /**
     * dX += dXP [N, G*H] · W_ih [G*H, I]: the input gradient of one direction, after its
     * {@link #backward} ran with dx null (see {@link #runDirections}).
     */
    public static void addInputGrad(ScanDirection d, ScanGrads g, float[] dx) {
        ScanState st = d.st();
        int gh = st.gates * st.hidden;
        int inputSize = d.inputSize();
        Gemm.sgemm(false, false, st.total, inputSize, gh, g.dxp, 0, gh, d.w().wih(), 0, inputSize,
                1f, dx, 0, inputSize);
    }

    /** Layers whose directions ran at once (tests). */
    static final AtomicLong PARALLEL_DIRECTIONS = new AtomicLong();

    /**
     * Runs body(0 .. directions-1), the directions of a layer (1 or 2). Two run on both cores at
     * once when each would otherwise run on one (too small for {@link PersistentScan}) yet is
     * big enough to repay the handoff; else one after the other. Each direction writes only its
     * own state, so which thread runs it changes no result.
     *
     * @param first direction 0 (its sizes stand for both)
     */
    public static void runDirections(int directions, ScanDirection first, IntConsumer body) {
        if (directions == 1) {
            body.accept(0);
            return;
        }
        ScanState st = first.st();
        CellKernel cell = first.cell();
        long work = (long) st.total * st.gates * st.hidden * (first.inputSize() + st.outHidden);
        if (GemmPool.MAX_THREADS >= 2 && work >= ScanThresholds.current().minDirectionWork()
                && !PersistentScan.splitsForward(cell, st)) {
            PARALLEL_DIRECTIONS.incrementAndGet();
            GemmPool.run(2, 2, body);
        } else {
            body.accept(0);
            body.accept(1);
        }
    }

    /** The transpose of m [rows, cols] written into t [cols, rows]; returns t. */
    static float[] transpose(float[] m, int rows, int cols, float[] t) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        }
        return t;
    }

    /** b_hh + b_ih as a new array (b_hh may be null). */
    private static float[] sumBiases(float[] bhh, float[] bih) {
        float[] sum = bih.clone();
        if (bhh != null) EW.add(bhh, 0, bih, 0, sum, 0, sum.length);
        return sum;
    }

    /** m[r, :] += bias for every row r. m: [rows, cols], bias: [cols]. */
    public static void addRowBias(float[] m, int rows, int cols, float[] bias) {
        for (int r = 0; r < rows; r++) EW.add(m, r * cols, bias, 0, m, r * cols, cols);
    }

    /** out[j] += Σ_r m[r, j]. m: [rows, cols], out: [cols]. */
    public static void addColumnSums(float[] m, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) EW.add(out, 0, m, r * cols, out, 0, cols);
    }
}
