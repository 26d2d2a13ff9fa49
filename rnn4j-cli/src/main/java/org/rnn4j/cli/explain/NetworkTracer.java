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
 * The Elman and Jordan networks step by step:
 * <pre>
 * z_t = W_ih x_t + W_hh a_{t-1} + b_h     (Jordan: W_yh y_{t-1} instead of W_hh a_{t-1})
 * a_t = act(z_t)
 * u_t = W_ho a_t + b_o
 * y_t = outAct(u_t)
 * </pre>
 */
public final class NetworkTracer implements Tracer {
    private final boolean jordan;
    private final Activation act;
    private final Activation outAct;

    public NetworkTracer(boolean jordan, Activation act, Activation outAct) {
        this.jordan = jordan;
        this.act = act;
        this.outAct = outAct;
    }

    @Override
    public Trace trace(Map<String, Tensor> sd, float[][] xs) {
        float[] wih = required(sd, "weight_ih");
        float[] wrec = required(sd, jordan ? "weight_yh" : "weight_hh");
        float[] who = required(sd, "weight_ho");
        float[] bh = param(sd, "bias_h");
        float[] bo = param(sd, "bias_o");
        int hid = sd.get("weight_ih").shape()[0];
        int in = sd.get("weight_ih").shape()[1];
        int out = sd.get("weight_ho").shape()[0];
        String prev = jordan ? "y_prev" : "a_prev";
        Trace tr = new Trace(jordan ? "Jordan network" : "Elman network", List.of(
                prev + " = " + (jordan ? "the previous output y_{t-1}" : "the previous hidden state a_{t-1}")
                        + " (zeros at t=0)",
                "z = W_ih x + " + (jordan ? "W_yh y_prev" : "W_hh a_prev") + (bh != null ? " + b_h" : ""),
                "a = " + act.pytorchName() + "(z)",
                "u = W_ho a" + (bo != null ? " + b_o" : ""),
                "y = " + outAct.pytorchName() + "(u)"), "y",
                List.of(new Trace.Panel("hidden state a and output y", List.of("a", "y"))));
        float[] a = new float[hid];
        float[] y = new float[out];
        for (float[] x : xs) {
            tr.beginStep();
            tr.record("x", x);
            float[] r = jordan ? y : a;
            tr.record(prev, r);
            float[] z = add(addSlice(matvec(wih, 0, hid, in, x), bh, 0), matvec(wrec, 0, hid, r.length, r));
            tr.record("z", z);
            a = apply(act, z);
            tr.record("a", a);
            float[] u = addSlice(matvec(who, 0, out, hid, a), bo, 0);
            tr.record("u", u);
            y = apply(outAct, u);
            tr.record("y", y);
        }
        return tr;
    }
}
