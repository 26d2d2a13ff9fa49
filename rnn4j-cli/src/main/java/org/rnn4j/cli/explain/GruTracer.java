package org.rnn4j.cli.explain;

import static org.rnn4j.cli.explain.FloatOps.add;
import static org.rnn4j.cli.explain.FloatOps.addSlice;
import static org.rnn4j.cli.explain.FloatOps.apply;
import static org.rnn4j.cli.explain.FloatOps.matvec;
import static org.rnn4j.cli.explain.FloatOps.param;
import static org.rnn4j.cli.explain.FloatOps.required;

import java.util.List;
import java.util.Map;
import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.Tensor;

/**
 * One GRU layer step by step, gate order r, z, n, as PyTorch computes it:
 * <pre>
 * pre_r = W_ir x + b_ir + W_hr h_prev + b_hr     r = σ(pre_r)
 * pre_z = W_iz x + b_iz + W_hz h_prev + b_hz     z = σ(pre_z)
 * hn = W_hn h_prev + b_hn
 * pre_n = W_in x + b_in + r ⊙ hn                 n = tanh(pre_n)
 * h = (h_prev - n) ⊙ z + n                       (= (1 - z) ⊙ n + z ⊙ h_prev)
 * </pre>
 */
public final class GruTracer implements Tracer {
    @Override
    public Trace trace(Map<String, Tensor> sd, float[][] xs) {
        float[] wih = required(sd, "weight_ih_l0");
        float[] whh = required(sd, "weight_hh_l0");
        float[] bih = param(sd, "bias_ih_l0");
        float[] bhh = param(sd, "bias_hh_l0");
        int hid = sd.get("weight_hh_l0").shape()[1];
        int in = sd.get("weight_ih_l0").shape()[1];
        boolean b = bih != null;
        Trace tr = new Trace("GRU", List.of(
                "pre_r = W_ir x + W_hr h_prev" + (b ? " + b_ir + b_hr" : "") + "   r = sigmoid(pre_r)",
                "pre_z = W_iz x + W_hz h_prev" + (b ? " + b_iz + b_hz" : "") + "   z = sigmoid(pre_z)",
                "hn = W_hn h_prev" + (bhh != null ? " + b_hn" : ""),
                "pre_n = W_in x" + (bih != null ? " + b_in" : "") + " + r*hn   n = tanh(pre_n)",
                "h = (1 - z)*n + z*h_prev"), "h", List.of(
                new Trace.Panel("gates r, z and candidate n", List.of("r", "z", "n")),
                new Trace.Panel("hidden state h", List.of("h"))));
        float[] h = new float[hid];
        for (float[] x : xs) {
            tr.beginStep();
            tr.record("x", x);
            tr.record("h_prev", h);
            float[][] xp = new float[3][];
            float[][] hp = new float[3][];
            for (int k = 0; k < 3; k++) {
                xp[k] = addSlice(matvec(wih, k * hid, hid, in, x), bih, k * hid);
                hp[k] = addSlice(matvec(whh, k * hid, hid, hid, h), bhh, k * hid);
            }
            float[] preR = add(xp[0], hp[0]);
            float[] preZ = add(xp[1], hp[1]);
            float[] r = apply(Activation.SIGMOID, preR);
            float[] z = apply(Activation.SIGMOID, preZ);
            float[] preN = new float[hid];
            for (int j = 0; j < hid; j++) preN[j] = xp[2][j] + r[j] * hp[2][j];
            float[] n = apply(Activation.TANH, preN);
            float[] next = new float[hid];
            for (int j = 0; j < hid; j++) next[j] = (h[j] - n[j]) * z[j] + n[j];
            h = next;
            tr.record("pre_r", preR);
            tr.record("pre_z", preZ);
            tr.record("r", r);
            tr.record("z", z);
            tr.record("hn", hp[2]);
            tr.record("pre_n", preN);
            tr.record("n", n);
            tr.record("h", h);
        }
        return tr;
    }
}
