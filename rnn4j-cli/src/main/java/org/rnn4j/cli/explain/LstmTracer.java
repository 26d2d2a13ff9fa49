package org.rnn4j.cli.explain;

import static org.rnn4j.cli.explain.FloatOps.add;
import static org.rnn4j.cli.explain.FloatOps.addSlice;
import static org.rnn4j.cli.explain.FloatOps.apply;
import static org.rnn4j.cli.explain.FloatOps.matvec;
import static org.rnn4j.cli.explain.FloatOps.mul;
import static org.rnn4j.cli.explain.FloatOps.param;
import static org.rnn4j.cli.explain.FloatOps.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.nn.Activation;
import org.rnn4j.tensor.Tensor;

/**
 * One LSTM layer step by step, gate order i, f, g, o (peepholes optional):
 * <pre>
 * pre_i = W_ii x + b_ii + W_hi h_prev + b_hi (+ w_ci ⊙ c_prev)    i = gate(pre_i)
 * pre_f = W_if x + b_if + W_hf h_prev + b_hf (+ w_cf ⊙ c_prev)    f = gate(pre_f)
 * pre_g = W_ig x + b_ig + W_hg h_prev + b_hg                      g = act(pre_g)
 * c = f ⊙ c_prev + i ⊙ g
 * pre_o = W_io x + b_io + W_ho h_prev + b_ho (+ w_co ⊙ c)         o = gate(pre_o)
 * h = o ⊙ act(c)
 * </pre>
 */
public final class LstmTracer implements Tracer {
    private final Activation act;
    private final Activation gate;

    public LstmTracer(Activation act, Activation gate) {
        this.act = act;
        this.gate = gate;
    }

    @Override
    public Trace trace(Map<String, Tensor> sd, float[][] xs) {
        float[] wih = required(sd, "weight_ih_l0");
        float[] whh = required(sd, "weight_hh_l0");
        float[] bih = param(sd, "bias_ih_l0");
        float[] bhh = param(sd, "bias_hh_l0");
        float[] wci = param(sd, "weight_ci_l0");
        float[] wcf = param(sd, "weight_cf_l0");
        float[] wco = param(sd, "weight_co_l0");
        boolean peep = wci != null;
        int hid = sd.get("weight_hh_l0").shape()[1];
        int in = sd.get("weight_ih_l0").shape()[1];
        boolean b = bih != null;
        String g = gate.pytorchName();
        String a = act.pytorchName();
        List<String> eq = new ArrayList<>(List.of(
                "pre_i = W_ii x + W_hi h_prev" + (b ? " + b_ii + b_hi" : "") + (peep ? " + w_ci*c_prev" : "") + "   i = " + g + "(pre_i)",
                "pre_f = W_if x + W_hf h_prev" + (b ? " + b_if + b_hf" : "") + (peep ? " + w_cf*c_prev" : "") + "   f = " + g + "(pre_f)",
                "pre_g = W_ig x + W_hg h_prev" + (b ? " + b_ig + b_hg" : "") + "   g = " + a + "(pre_g)",
                "c = f*c_prev + i*g",
                "pre_o = W_io x + W_ho h_prev" + (b ? " + b_io + b_ho" : "") + (peep ? " + w_co*c" : "") + "   o = " + g + "(pre_o)",
                "act_c = " + a + "(c)   h = o*act_c"));
        Trace tr = new Trace("LSTM" + (peep ? " with peepholes" : ""), eq, "h", List.of(
                new Trace.Panel("gates i, f, o and cell input g", List.of("i", "f", "g", "o")),
                new Trace.Panel("cell state c and hidden state h", List.of("c", "h"))));
        float[] h = new float[hid];
        float[] c = new float[hid];
        for (float[] x : xs) {
            tr.beginStep();
            tr.record("x", x);
            tr.record("h_prev", h);
            tr.record("c_prev", c);
            float[][] pre = new float[4][];
            for (int k = 0; k < 4; k++) {
                // (x W_ih^T + b_ih) + (h W_hh^T + b_hh), summed in the kernels' order
                pre[k] = add(addSlice(matvec(wih, k * hid, hid, in, x), bih, k * hid),
                        addSlice(matvec(whh, k * hid, hid, hid, h), bhh, k * hid));
            }
            if (peep) {
                pre[0] = add(pre[0], mul(wci, c));
                pre[1] = add(pre[1], mul(wcf, c));
            }
            float[] i = apply(gate, pre[0]);
            float[] f = apply(gate, pre[1]);
            float[] gg = apply(act, pre[2]);
            c = add(mul(f, c), mul(i, gg));
            if (peep) pre[3] = add(pre[3], mul(wco, c));
            float[] o = apply(gate, pre[3]);
            float[] ac = apply(act, c);
            h = mul(o, ac);
            String[] names = {"pre_i", "pre_f", "pre_g", "pre_o"};
            for (int k = 0; k < 4; k++) tr.record(names[k], pre[k]);
            tr.record("i", i);
            tr.record("f", f);
            tr.record("g", gg);
            tr.record("o", o);
            tr.record("c", c);
            tr.record("act_c", ac);
            tr.record("h", h);
        }
        return tr;
    }
}
