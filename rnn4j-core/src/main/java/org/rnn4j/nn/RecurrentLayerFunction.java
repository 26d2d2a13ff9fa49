package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.internal.autograd.Node;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.CellKernel;
import org.rnn4j.tensor.cpu.RecurrentScan;
import org.rnn4j.tensor.cpu.ScanGrads;
import org.rnn4j.tensor.cpu.ScanState;
import org.rnn4j.tensor.cpu.ScanWeightGrads;
import org.rnn4j.tensor.cpu.ScanWeights;

/**
 * One recurrent layer (both directions) over a whole sequence as ONE autograd node. Forward runs
 * {@link RecurrentScan} per direction and keeps its workspaces; backward is BPTT over them.
 *
 * <p>Inputs: x [T, B, I], h0 [D, B, P] or null, c0 [D, B, H] or null, then
 * {@link DirectionParams#COUNT} parameter slots per direction. Outputs: output [T, B, D*P],
 * h_n [D, B, P], and for LSTM c_n [D, B, H].
 */
final class RecurrentLayerFunction extends Node {
    private final LayerSpec spec;
    private final int steps;
    private final int batch;
    private final int inputSize;
    private float[] x;
    private ScanState[] states;
    private CellKernel[] cells;
    private ScanWeights[] weights;

    private RecurrentLayerFunction(LayerSpec spec, int steps, int batch, int inputSize, Tensor[] inputs) {
        super(spec.type() == CellType.LSTM ? 3 : 2, inputs);
        this.spec = spec;
        this.steps = steps;
        this.batch = batch;
        this.inputSize = inputSize;
    }

    @Override
    public String name() {
        return spec.type() + "LayerBackward";
    }

    /** Runs the layer; returns [output, h_n] or [output, h_n, c_n]. */
    static Tensor[] apply(LayerSpec spec, Tensor x, Tensor h0, Tensor c0, List<DirectionParams> params) {
        int steps = x.size(0);
        int batch = x.size(1);
        int inputSize = x.size(2);
        int d = spec.directions();
        int p = spec.outHidden();
        int h = spec.hidden();
        float[] xa = dense(x);
        float[] h0a = dense(h0);
        float[] c0a = dense(c0);
        boolean recording = TensorAccess.recording(x, h0, c0) || anyRecording(params);
        ScanState[] states = new ScanState[d];
        CellKernel[] cells = new CellKernel[d];
        ScanWeights[] weights = new ScanWeights[d];
        for (int dir = 0; dir < d; dir++) {
            DirectionParams w = params.get(dir);
            cells[dir] = spec.kernel(dense(w.wci()), dense(w.wcf()), dense(w.wco()));
            weights[dir] = new ScanWeights(dense(w.wih()), dense(w.whh()), dense(w.bih()),
                    dense(w.bhh()), dense(w.whr()));
            states[dir] = new ScanState(steps, batch, h, p, cells[dir], dir == 1, recording);
        }
        IntConsumer forward = dir -> RecurrentScan.forward(cells[dir], states[dir], weights[dir], inputSize, xa,
                h0a, dir * batch * p, c0a, dir * batch * h);
        RecurrentScan.runDirections(d, cells[0], states[0], inputSize, forward);
        float[] out = new float[steps * batch * d * p];
        float[] hn = new float[d * batch * p];
        float[] cn = spec.type() == CellType.LSTM ? new float[d * batch * h] : null;
        for (int dir = 0; dir < d; dir++) {
            ScanState st = states[dir];
            for (int s = 0; s < steps; s++) {
                int t = st.time(s);
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(st.h, ((s + 1) * batch + b) * p, out, (t * batch + b) * d * p + dir * p, p);
                }
            }
            System.arraycopy(st.h, steps * batch * p, hn, dir * batch * p, batch * p);
            if (cn != null) System.arraycopy(st.c, steps * batch * h, cn, dir * batch * h, batch * h);
            if (!recording) st.release(); // inference: nothing reads the workspaces again
        }
        Tensor[] results = cn == null
                ? new Tensor[] {TensorAccess.wrap(out, steps, batch, d * p), TensorAccess.wrap(hn, d, batch, p)}
                : new Tensor[] {TensorAccess.wrap(out, steps, batch, d * p), TensorAccess.wrap(hn, d, batch, p),
                                TensorAccess.wrap(cn, d, batch, h)};
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        inputs.add(h0);
        inputs.add(c0);
        for (DirectionParams w : params) inputs.addAll(java.util.Arrays.asList(w.toArray()));
        Tensor[] in = inputs.toArray(new Tensor[0]);
        if (recording) {
            RecurrentLayerFunction node = new RecurrentLayerFunction(spec, steps, batch, inputSize, in);
            node.x = xa;
            node.states = states;
            node.cells = cells;
            node.weights = weights;
            for (int i = 0; i < results.length; i++) TensorAccess.setGradFn(results[i], node, i);
        }
        return results;
    }

    @Override
    protected Tensor[] backward(Tensor[] gradOutputs) {
        int d = spec.directions();
        int p = spec.outHidden();
        int h = spec.hidden();
        float[] dOut = dense(gradOutputs[0]);
        float[] dhN = dense(gradOutputs[1]);
        float[] dcN = gradOutputs.length > 2 ? dense(gradOutputs[2]) : null;
        Tensor[] grads = new Tensor[inputs().length];
        float[] dx = needsGrad(0) ? new float[steps * batch * inputSize] : null;
        float[] dh0 = needsGrad(1) ? new float[d * batch * p] : null;
        float[] dc0 = needsGrad(2) ? new float[d * batch * h] : null;
        ScanGrads[] gs = new ScanGrads[d];
        ScanWeightGrads[] dws = new ScanWeightGrads[d];
        for (int dir = 0; dir < d; dir++) {
            int base = 3 + dir * DirectionParams.COUNT;
            boolean peephole = inputs()[base + 5] != null;
            gs[dir] = new ScanGrads(states[dir], peephole, cells[dir].sameProjectionGrads());
            dws[dir] = new ScanWeightGrads(gradBuffer(base), gradBuffer(base + 1), gradBuffer(base + 2),
                    gradBuffer(base + 3), gradBuffer(base + 4));
        }
        // The directions' input gradients both add into dx: they are added after the scans, in
        // direction order, so that dx has the same bits whether the scans ran at once or not.
        IntConsumer backward = dir -> RecurrentScan.backward(cells[dir], states[dir], gs[dir], weights[dir],
                dws[dir], inputSize, dOut, d * p, dir * p, dhN, dir * batch * p, dcN, dir * batch * h, x, null);
        RecurrentScan.runDirections(d, cells[0], states[0], inputSize, backward);
        for (int dir = 0; dir < d; dir++) {
            ScanGrads g = gs[dir];
            ScanWeightGrads dw = dws[dir];
            if (dx != null) RecurrentScan.addInputGrad(states[dir], g, weights[dir], inputSize, dx);
            if (dh0 != null) System.arraycopy(g.dh, 0, dh0, dir * batch * p, batch * p);
            if (dc0 != null) System.arraycopy(g.dc, 0, dc0, dir * batch * h, batch * h);
            g.release();
            putGrads(grads, 3 + dir * DirectionParams.COUNT, dw.wih(), dw.whh(), dw.bih(), dw.bhh(), dw.whr(),
                    g.dwci, g.dwcf, g.dwco);
        }
        if (dx != null) grads[0] = TensorAccess.wrap(dx, steps, batch, inputSize);
        if (dh0 != null) grads[1] = TensorAccess.wrap(dh0, d, batch, p);
        if (dc0 != null) grads[2] = TensorAccess.wrap(dc0, d, batch, h);
        return grads;
    }

    @Override
    protected void release() {
        if (states != null) {
            for (ScanState st : states) st.release();
        }
        x = null;
        states = null;
        cells = null;
        weights = null;
    }

    private static boolean anyRecording(List<DirectionParams> params) {
        for (DirectionParams w : params) if (TensorAccess.recording(w.toArray())) return true;
        return false;
    }

    /**
     * The elements of t, row-major from offset 0, without a copy when already laid out so;
     * null for null (an absent bias or state).
     */
    static float[] dense(Tensor t) {
        if (t == null) return null;
        float[] s = TensorAccess.storage(t);
        if (t.isContiguous() && TensorAccess.offset(t) == 0 && s.length == t.numel()) return s;
        return t.toFloatArray();
    }

}
