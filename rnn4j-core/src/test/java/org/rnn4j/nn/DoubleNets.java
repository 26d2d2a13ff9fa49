package org.rnn4j.nn;

import java.util.Map;

/**
 * The Elman network, the Jordan network and a one-layer LSTM with its extensions (activations,
 * peepholes) written again in plain double arithmetic, straight from the equations: the reference
 * for the float32 library's forward values and the function that finite differences are taken of.
 * All arrays row-major; x is time-major [T, B, I].
 */
final class DoubleNets {
    private DoubleNets() {}

    static double act(Activation a, double v) {
        switch (a) {
            case TANH: return Math.tanh(v);
            case SIGMOID: return 1 / (1 + Math.exp(-v));
            case RELU: return v > 0 ? v : 0;
            default: return v;
        }
    }

    /** out[r] = Σ_k w[r, k] v[k] (+ b[r]); w [rows, cols] */
    private static double[] affine(double[] w, double[] b, double[] v, int vOff, int rows, int cols) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = b == null ? 0 : b[r];
            for (int k = 0; k < cols; k++) s += w[r * cols + k] * v[vOff + k];
            out[r] = s;
        }
        return out;
    }

    /**
     * Elman (jordan=false) or Jordan network. p holds weight_ih, weight_hh or weight_yh, bias_h,
     * weight_ho, bias_o (biases may be absent) and "x". Returns output [T, B, O] then h_n [B, H].
     */
    static double[] network(boolean jordan, Map<String, double[]> p, int steps, int batch, int in, int hid, int out,
                            Activation act, Activation outAct) {
        double[] x = p.get("x");
        double[] result = new double[steps * batch * out + batch * hid];
        for (int b = 0; b < batch; b++) {
            double[] a = new double[hid];
            double[] y = new double[out];
            for (int t = 0; t < steps; t++) {
                double[] pre = affine(p.get("weight_ih"), p.get("bias_h"), x, (t * batch + b) * in, hid, in);
                double[] rec = jordan ? affine(p.get("weight_yh"), null, y, 0, hid, out)
                        : affine(p.get("weight_hh"), null, a, 0, hid, hid);
                for (int j = 0; j < hid; j++) a[j] = act(act, pre[j] + rec[j]);
                y = affine(p.get("weight_ho"), p.get("bias_o"), a, 0, out, hid);
                for (int k = 0; k < out; k++) {
                    y[k] = act(outAct, y[k]);
                    result[(t * batch + b) * out + k] = y[k];
                }
            }
            System.arraycopy(a, 0, result, steps * batch * out + b * hid, hid);
        }
        return result;
    }

    /**
     * One-layer LSTM, gate order i, f, g, o, with optional peepholes. p holds weight_ih_l0 [4H, I],
     * weight_hh_l0 [4H, H], bias_ih_l0, bias_hh_l0 (optional), weight_ci/cf/co_l0 (peephole),
     * "x", "h0" [1, B, H], "c0" [1, B, H]. Returns output [T, B, H], h_n [1, B, H], c_n [1, B, H].
     */
    static double[] lstm(Map<String, double[]> p, int steps, int batch, int in, int hid,
                         Activation act, Activation gate, boolean peephole) {
        double[] x = p.get("x");
        double[] result = new double[steps * batch * hid + 2 * batch * hid];
        int hnOff = steps * batch * hid;
        int cnOff = hnOff + batch * hid;
        for (int b = 0; b < batch; b++) {
            double[] h = new double[hid];
            double[] c = new double[hid];
            System.arraycopy(p.get("h0"), b * hid, h, 0, hid);
            System.arraycopy(p.get("c0"), b * hid, c, 0, hid);
            for (int t = 0; t < steps; t++) {
                double[] gx = affine(p.get("weight_ih_l0"), p.get("bias_ih_l0"), x, (t * batch + b) * in, 4 * hid, in);
                double[] gh = affine(p.get("weight_hh_l0"), p.get("bias_hh_l0"), h, 0, 4 * hid, hid);
                for (int j = 0; j < hid; j++) {
                    double ai = gx[j] + gh[j];
                    double af = gx[hid + j] + gh[hid + j];
                    double ag = gx[2 * hid + j] + gh[2 * hid + j];
                    double ao = gx[3 * hid + j] + gh[3 * hid + j];
                    if (peephole) {
                        ai += p.get("weight_ci_l0")[j] * c[j];
                        af += p.get("weight_cf_l0")[j] * c[j];
                    }
                    double cn = act(gate, af) * c[j] + act(gate, ai) * act(act, ag);
                    if (peephole) ao += p.get("weight_co_l0")[j] * cn;
                    c[j] = cn;
                    h[j] = act(gate, ao) * act(act, cn);
                    result[(t * batch + b) * hid + j] = h[j];
                }
            }
            System.arraycopy(h, 0, result, hnOff + b * hid, hid);
            System.arraycopy(c, 0, result, cnOff + b * hid, hid);
        }
        return result;
    }
}
