package org.rnn4j.nn;

import org.rnn4j.internal.TensorAccess;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.internal.autograd.GradArena;
import org.rnn4j.internal.autograd.Node;
import org.rnn4j.internal.backend.DirectionWeights;
import org.rnn4j.internal.backend.LayerGradients;
import org.rnn4j.internal.backend.LayerInput;
import org.rnn4j.internal.backend.LayerOutputGrads;
import org.rnn4j.internal.backend.LayerResult;
import org.rnn4j.internal.backend.LayerSpec;
import org.rnn4j.internal.backend.RecurrentBackend;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.cpu.rnn.CpuRecurrentBackend;

/**
 * One recurrent layer (both directions) over a whole sequence as ONE autograd node. Forward hands
 * the layer to the {@link RecurrentBackend} and keeps what it saved; backward is BPTT over it.
 *
 * <p>Inputs: x [T, B, I] (or packed data [N, I] with its batch sizes), h0 [D, B, P] or null,
 * c0 [D, B, H] or null, then the {@link DirectionParams#COUNT} parameter slots of each direction in
 * {@link DirectionParams} order. Outputs: output [T, B, D*P] (packed: [N, D*P]), h_n [D, B, P],
 * and for LSTM c_n [D, B, H]; packed, the batch rows are sorted by decreasing length.
 */
final class RecurrentLayerFunction extends Node {
    /** The backend every layer runs on (the seam for another device: see org.rnn4j.internal.backend). */
    static final RecurrentBackend BACKEND = CpuRecurrentBackend.INSTANCE;
    private static final int X = 0, H0 = 1, C0 = 2, FIRST_PARAM = 3;

    private final String name;
    private final List<DirectionParams> params;
    private LayerResult forward;
    private float[] inputToRecycle; // x's array, given back once backward has read it (releaseX)

    private RecurrentLayerFunction(LayerSpec spec, List<DirectionParams> params, Tensor[] inputs) {
        super(spec.type() == CellType.LSTM ? 3 : 2, inputs);
        this.name = spec.type() + "LayerBackward";
        this.params = params;
    }

    @Override
    public String name() {
        return name;
    }

    /** Runs the layer on x [T, B, I]; returns [output, h_n] or [output, h_n, c_n]. */
    static Tensor[] apply(LayerSpec spec, Tensor x, Tensor h0, Tensor c0, List<DirectionParams> params) {
        return apply(spec, x, null, h0, c0, params, false);
    }

    /**
     * Runs the layer; returns [output, h_n] or [output, h_n, c_n].
     *
     * @param batchSizes null for x [T, B, I]; else x is packed data [N, I] with these batch sizes
     * @param releaseX  x is a layer output that no one else holds: its array goes back to the
     *     backend once this layer has read it for the last time. A stack's inner output qualifies: the
     *     stack never hands it to its caller, and the layer that made it reads its own saved state in
     *     backward, never its output. Outside autograd this layer is done with x when forward returns;
     *     recording, its backward reads x again (dW_ih = dG^T x), so x goes back after that. Whether
     *     this layer records decides, not whether x needs a gradient: a frozen layer below a trainable
     *     one makes an x without a grad_fn that this layer still saves. (A two-layer LSTM's training
     *     step otherwise allocated the inner output afresh: 4 MB for charlm's T 128, B 32, H 256.)
     */
    static Tensor[] apply(LayerSpec spec, Tensor x, int[] batchSizes, Tensor h0, Tensor c0,
                          List<DirectionParams> params, boolean releaseX) {
        boolean packed = batchSizes != null;
        int steps = packed ? batchSizes.length : x.size(0);
        int batch = packed ? batchSizes[0] : x.size(1);
        int d = spec.directions();
        boolean recording = TensorAccess.recording(x, h0, c0) || anyRecording(params);
        List<DirectionWeights> weights = new ArrayList<>(d);
        for (DirectionParams w : params) weights.add(w.dense());
        LayerInput input = new LayerInput(dense(x), steps, batch, x.size(-1), dense(h0), dense(c0), batchSizes);
        LayerResult r = BACKEND.forward(spec, input, weights, recording);
        int p = spec.outHidden();
        Tensor output = packed ? TensorAccess.wrap(r.output(), input.rows(), d * p)
                : TensorAccess.wrap(r.output(), steps, batch, d * p);
        Tensor[] results = r.cn() == null
                ? new Tensor[] {output, TensorAccess.wrap(r.hn(), d, batch, p)}
                : new Tensor[] {output, TensorAccess.wrap(r.hn(), d, batch, p),
                                TensorAccess.wrap(r.cn(), d, batch, spec.hidden())};
        if (recording) {
            List<Tensor> inputs = new ArrayList<>(List.of(x));
            inputs.add(h0);
            inputs.add(c0);
            for (DirectionParams w : params) inputs.addAll(w.slots());
            RecurrentLayerFunction node = new RecurrentLayerFunction(spec, params, inputs.toArray(new Tensor[0]));
            node.forward = r;
            if (releaseX) node.inputToRecycle = input.x();
            for (int i = 0; i < results.length; i++) TensorAccess.setGradFn(results[i], node, i);
        } else if (releaseX) {
            BACKEND.recycle(input.x());
        }
        return results;
    }

    @Override
    protected Tensor[] backward(Tensor[] gradOutputs) {
        LayerOutputGrads dy = new LayerOutputGrads(denseGrad(gradOutputs[0]), denseGrad(gradOutputs[1]),
                gradOutputs.length > 2 ? denseGrad(gradOutputs[2]) : null);
        List<float[][]> dws = new ArrayList<>();
        List<DirectionWeights> into = new ArrayList<>();
        for (int dir = 0; dir < params.size(); dir++) {
            float[][] buffers = new float[DirectionParams.COUNT][];
            for (int k = 0; k < DirectionParams.COUNT; k++) buffers[k] = gradBuffer(paramSlot(dir, k));
            dws.add(buffers);
            into.add(DirectionParams.weights(buffers));
        }
        LayerGradients grads = new LayerGradients(gradBuffer(X), gradBuffer(H0), gradBuffer(C0), into);
        BACKEND.backward(forward, dy, grads);
        forward = null;
        if (inputToRecycle != null) {
            BACKEND.recycle(inputToRecycle);
            inputToRecycle = null;
        }
        Tensor[] result = new Tensor[inputs().length];
        putGrads(result, X, grads.x(), grads.h0(), grads.c0());
        for (int dir = 0; dir < dws.size(); dir++) putGrads(result, paramSlot(dir, 0), dws.get(dir));
        return result;
    }

    /** The input index of parameter slot k of direction dir. */
    private static int paramSlot(int dir, int k) {
        return FIRST_PARAM + dir * DirectionParams.COUNT + k;
    }

    @Override
    protected void release() {
        if (forward != null && forward.saved() != null) forward.saved().release();
        forward = null;
    }

    private static boolean anyRecording(List<DirectionParams> params) {
        for (DirectionParams w : params) if (TensorAccess.recording(w.slots().toArray(new Tensor[0]))) return true;
        return false;
    }

    /**
     * The elements of t, row-major from offset 0, without a copy when already laid out so;
     * null for null (an absent bias or state).
     */
    static float[] dense(Tensor t) {
        if (t == null) return null;
        return isDense(t) ? TensorAccess.storage(t) : t.toFloatArray();
    }

    private static boolean isDense(Tensor t) {
        return t.isContiguous() && TensorAccess.offset(t) == 0 && TensorAccess.storage(t).length == t.numel();
    }

    /** {@link #dense} of a gradient in backward: a copy (a batch-first output's gradient is a transposed view) goes in the pass's arena. */
    private static float[] denseGrad(Tensor t) {
        if (t == null) return null;
        return isDense(t) ? TensorAccess.storage(t) : GradArena.copyOf(t);
    }
}
