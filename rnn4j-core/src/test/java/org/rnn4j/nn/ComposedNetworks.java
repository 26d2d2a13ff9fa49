package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * The Elman and Jordan networks written from primitive tensor ops, one small autograd node per
 * op: the slow, obviously correct oracle for the fused {@link ElmanFunction} and {@link JordanFunction}.
 */
final class ComposedNetworks {
    private ComposedNetworks() {}

    private static Tensor lin(Tensor v, Tensor w, Tensor b) {
        Tensor y = v.matmul(w.transpose(0, 1));
        return b == null ? y : y.add(b);
    }

    /** x [T, B, I] time-major. Returns {output [T, B, O], h_n [B, H]}. */
    static Tensor[] run(boolean jordan, Map<String, Tensor> p, Tensor x, int hid, int out,
                        Activation act, Activation outAct) {
        int batch = x.size(1);
        Tensor a = Tensor.zeros(batch, hid);
        Tensor y = Tensor.zeros(batch, out);
        List<Tensor> ys = new ArrayList<>();
        for (int t = 0; t < x.size(0); t++) {
            Tensor rec = jordan ? y.matmul(p.get("weight_yh").transpose(0, 1))
                    : a.matmul(p.get("weight_hh").transpose(0, 1));
            a = act.apply(lin(x.select(0, t), p.get("weight_ih"), p.get("bias_h")).add(rec));
            y = outAct.apply(lin(a, p.get("weight_ho"), p.get("bias_o")));
            ys.add(y);
        }
        return new Tensor[] {Tensor.stack(ys, 0), a};
    }
}
