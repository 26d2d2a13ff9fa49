package org.rnn4j.onnx.export;

import java.util.Map;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.onnx.rnn.OnnxCell;
import org.rnn4j.tensor.Tensor;

/**
 * One layer's weights in ONNX's layout, both directions stacked: W [D, G*H, I], R [D, G*H, H],
 * B [D, 2*G*H] (null without bias) and P [D, 3*H] (null without peepholes), gate blocks in ONNX's
 * order.
 */
record LayerWeights(float[] w, float[] r, float[] b, float[] p, int inputSize) {
    static LayerWeights of(OnnxCell cell, RecurrentConfig c, Map<String, Tensor> params, int layer) {
        int d = c.directions();
        int h = c.hiddenSize();
        int g = c.cell().gates();
        int in = layer == 0 ? c.inputSize() : d * h;
        float[] w = new float[d * g * h * in];
        float[] r = new float[d * g * h * h];
        float[] b = c.bias() ? new float[d * 2 * g * h] : null;
        float[] p = c.peephole() ? new float[d * 3 * h] : null;
        for (int dir = 0; dir < d; dir++) {
            String sfx = "_l" + layer + (dir == 1 ? "_reverse" : "");
            copy(cell.torchToOnnx(values(params, "weight_ih" + sfx), h, in), w, dir);
            copy(cell.torchToOnnx(values(params, "weight_hh" + sfx), h, h), r, dir);
            if (b != null) {
                System.arraycopy(cell.torchToOnnx(values(params, "bias_ih" + sfx), h, 1), 0, b, dir * 2 * g * h, g * h);
                System.arraycopy(cell.torchToOnnx(values(params, "bias_hh" + sfx), h, 1), 0, b, dir * 2 * g * h + g * h, g * h);
            }
            if (p != null) { // ONNX's P holds i, o, f
                System.arraycopy(values(params, "weight_ci" + sfx), 0, p, dir * 3 * h, h);
                System.arraycopy(values(params, "weight_co" + sfx), 0, p, dir * 3 * h + h, h);
                System.arraycopy(values(params, "weight_cf" + sfx), 0, p, dir * 3 * h + 2 * h, h);
            }
        }
        return new LayerWeights(w, r, b, p, in);
    }

    private static void copy(float[] block, float[] into, int dir) {
        System.arraycopy(block, 0, into, dir * block.length, block.length);
    }

    private static float[] values(Map<String, Tensor> params, String name) {
        Tensor t = params.get(name);
        if (t == null) throw new IllegalStateException("recurrent module has no parameter " + name);
        return t.toFloatArray();
    }
}
