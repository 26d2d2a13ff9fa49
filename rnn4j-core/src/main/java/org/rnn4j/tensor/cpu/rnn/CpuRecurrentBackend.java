package org.rnn4j.tensor.cpu.rnn;

import java.util.List;
import java.util.function.IntConsumer;
import org.rnn4j.internal.backend.DirectionWeights;
import org.rnn4j.internal.backend.LayerGradients;
import org.rnn4j.internal.backend.LayerInput;
import org.rnn4j.internal.backend.LayerOutputGrads;
import org.rnn4j.internal.backend.LayerResult;
import org.rnn4j.internal.backend.LayerSpec;
import org.rnn4j.internal.backend.RecurrentBackend;
import org.rnn4j.tensor.cpu.parallel.BufferPool;

/**
 * The CPU {@link RecurrentBackend}: each direction is a {@link RecurrentScan} (one GEMM for the
 * input projection of all steps, the step loop on one or more threads, BPTT with one GEMM per
 * weight gradient), over workspaces from the buffer pool that a training forward keeps for
 * backward.
 */
public final class CpuRecurrentBackend implements RecurrentBackend {
    public static final CpuRecurrentBackend INSTANCE = new CpuRecurrentBackend();

    private CpuRecurrentBackend() {}

    /** What a training forward keeps: the input and each direction's scan. */
    private record Saved(float[] x, ScanDirection[] dirs) implements LayerResult.Saved {
        @Override
        public void release() {
            for (ScanDirection d : dirs) d.st().release();
        }
    }

    @Override
    public LayerResult forward(LayerSpec spec, LayerInput in, List<DirectionWeights> weights, boolean forBackward) {
        int d = spec.directions();
        int p = spec.outHidden();
        int h = spec.hidden();
        int batch = in.batch();
        ScanDirection[] dirs = new ScanDirection[d];
        for (int dir = 0; dir < d; dir++) {
            DirectionWeights w = weights.get(dir);
            CellKernel cell = kernel(spec, w);
            ScanState st = in.batchSizes() == null
                    ? new ScanState(in.steps(), batch, h, p, cell, dir == 1, forBackward)
                    : new ScanState(in.batchSizes(), h, p, cell, dir == 1, forBackward);
            dirs[dir] = new ScanDirection(cell, st, new ScanWeights(w.wih(), w.whh(), w.bih(), w.bhh(), w.whr()),
                    in.inputSize(), dir);
        }
        RecurrentScan.runDirections(d, dirs[0], dir -> RecurrentScan.forward(dirs[dir], in.x(), in.h0(), in.c0()));
        float[] out = BufferPool.take(in.rows() * d * p); // every row is copied in below
        float[] hn = new float[d * batch * p];
        float[] cn = dirs[0].cell().hasCellState() ? new float[d * batch * h] : null;
        for (ScanDirection dir : dirs) {
            ScanState st = dir.st();
            for (int s = 0; s < st.steps; s++) {
                for (int b = 0, n = st.rows(s); b < n; b++) {
                    System.arraycopy(st.h, st.outRow(s, b) * p, out, st.xRow(s, b) * d * p + dir.index() * p, p);
                }
            }
            // The final slot holds every row's state after its own last step (StepRows).
            System.arraycopy(st.h, st.total * p, hn, dir.index() * batch * p, batch * p);
            if (cn != null) System.arraycopy(st.c, st.total * h, cn, dir.index() * batch * h, batch * h);
            if (!forBackward) st.release(); // inference: nothing reads the workspaces again
        }
        return new LayerResult(out, hn, cn, forBackward ? new Saved(in.x(), dirs) : null);
    }

    @Override
    public void backward(LayerResult forward, LayerOutputGrads grads, LayerGradients into) {
        Saved saved = (Saved) forward.saved();
        ScanDirection[] dirs = saved.dirs();
        int d = dirs.length;
        ScanGrads[] gs = new ScanGrads[d];
        ScanWeightGrads[] dws = new ScanWeightGrads[d];
        for (int dir = 0; dir < d; dir++) {
            DirectionWeights dw = into.weights().get(dir);
            gs[dir] = new ScanGrads(dirs[dir].st(), dirs[dir].cell().hasPeepholes(),
                    dirs[dir].cell().sameProjectionGrads());
            dws[dir] = new ScanWeightGrads(dw.wih(), dw.whh(), dw.bih(), dw.bhh(), dw.whr());
        }
        // The directions' input gradients both add into dx: they are added after the scans, in
        // direction order, so that dx has the same bits whether the scans ran at once or not.
        IntConsumer backward = dir -> RecurrentScan.backward(dirs[dir], gs[dir], dws[dir], grads, d, saved.x(), null);
        RecurrentScan.runDirections(d, dirs[0], backward);
        for (int dir = 0; dir < d; dir++) {
            ScanState st = dirs[dir].st();
            ScanGrads g = gs[dir];
            int rows = st.batch;
            if (into.x() != null) RecurrentScan.addInputGrad(dirs[dir], g, into.x());
            if (into.h0() != null) add(g.dh, into.h0(), dir * rows * st.outHidden, rows * st.outHidden);
            if (into.c0() != null) add(g.dc, into.c0(), dir * rows * st.hidden, rows * st.hidden);
            DirectionWeights dw = into.weights().get(dir);
            if (g.dwci != null) {
                add(g.dwci, dw.wci(), 0, st.hidden);
                add(g.dwcf, dw.wcf(), 0, st.hidden);
                add(g.dwco, dw.wco(), 0, st.hidden);
            }
            g.release();
        }
        saved.release();
    }

    @Override
    public void recycle(float[] output) {
        BufferPool.give(output);
    }

    /** into[off + i] += src[i] for i < n (into may be null: not wanted). */
    private static void add(float[] src, float[] into, int off, int n) {
        if (into == null) return;
        for (int i = 0; i < n; i++) into[off + i] += src[i];
    }

    /** The cell kernel of a layer's spec, with this direction's peepholes. */
    private static CellKernel kernel(LayerSpec spec, DirectionWeights w) {
        switch (spec.type()) {
            case RNN: return new RnnCellKernel(spec.act());
            case GRU: return new GruCellKernel();
            default: return new LstmCellKernel(spec.act(), spec.gateAct(), w.wci(), w.wcf(), w.wco());
        }
    }
}
