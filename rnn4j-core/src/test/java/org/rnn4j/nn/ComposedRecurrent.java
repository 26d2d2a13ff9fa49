package org.rnn4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.tensor.Tensor;

/**
 * The recurrent layers written from primitive tensor ops, one small autograd node per op: a slow
 * but obviously correct oracle for the fused kernels (outputs and gradients).
 */
final class ComposedRecurrent {
    private ComposedRecurrent() {}

    /** gate pre-activation x W_ih^T + b_ih + h W_hh^T + b_hh split into G chunks of H. */
    private static Tensor[] chunks(Tensor t, int g, int h) {
        Tensor[] out = new Tensor[g];
        for (int k = 0; k < g; k++) out[k] = t.narrow(1, k * h, h);
        return out;
    }

    private static Tensor lin(Tensor x, Tensor w, Tensor b) {
        Tensor y = x.matmul(w.transpose(0, 1));
        return b == null ? y : y.add(b);
    }

    /**
     * One step. x [B, I], h [B, P], c [B, H] or null. Returns {h', c'}.
     */
    static Tensor[] step(String type, Map<String, Tensor> p, String sfx, Tensor x, Tensor h, Tensor c,
                         Activation act, Activation gate, boolean peephole) {
        Tensor wih = p.get("weight_ih" + sfx);
        Tensor whh = p.get("weight_hh" + sfx);
        Tensor bih = p.get("bias_ih" + sfx);
        Tensor bhh = p.get("bias_hh" + sfx);
        int hs = whh.size(0) / (type.equals("LSTM") ? 4 : type.equals("GRU") ? 3 : 1);
        Tensor xp = lin(x, wih, bih);
        Tensor hp = lin(h, whh, bhh);
        switch (type) {
            case "RNN":
                return new Tensor[] {act.apply(xp.add(hp)), null};
            case "GRU": {
                Tensor[] xi = chunks(xp, 3, hs);
                Tensor[] hi = chunks(hp, 3, hs);
                Tensor r = xi[0].add(hi[0]).sigmoid();
                Tensor z = xi[1].add(hi[1]).sigmoid();
                Tensor n = xi[2].add(r.mul(hi[2])).tanh();
                Tensor one = Tensor.ones(z.shape());
                return new Tensor[] {one.sub(z).mul(n).add(z.mul(h)), null};
            }
            default: {
                Tensor[] g = chunks(xp.add(hp), 4, hs);
                Tensor ai = g[0];
                Tensor af = g[1];
                if (peephole) {
                    ai = ai.add(c.mul(p.get("weight_ci" + sfx)));
                    af = af.add(c.mul(p.get("weight_cf" + sfx)));
                }
                Tensor i = gate.apply(ai);
                Tensor f = gate.apply(af);
                Tensor gg = act.apply(g[2]);
                Tensor c2 = f.mul(c).add(i.mul(gg));
                Tensor ao = g[3];
                if (peephole) ao = ao.add(c2.mul(p.get("weight_co" + sfx)));
                Tensor o = gate.apply(ao);
                Tensor h2 = o.mul(act.apply(c2));
                Tensor whr = p.get("weight_hr" + sfx);
                if (whr != null) h2 = h2.matmul(whr.transpose(0, 1));
                return new Tensor[] {h2, c2};
            }
        }
    }

    /**
     * A time-major stack: x [T, B, I], h0 [L*D, B, P], c0 [L*D, B, H] (both required).
     * Returns {output [T, B, D*P], h_n, c_n or null}.
     */
    static Tensor[] run(String type, Map<String, Tensor> p, int layers, boolean bidirectional, Tensor x,
                        Tensor h0, Tensor c0, Activation act, Activation gate, boolean peephole) {
        int d = bidirectional ? 2 : 1;
        int steps = x.size(0);
        Tensor input = x;
        List<Tensor> hn = new ArrayList<>();
        List<Tensor> cn = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            List<Tensor> dirOutputs = new ArrayList<>();
            for (int dir = 0; dir < d; dir++) {
                String sfx = "_l" + l + (dir == 1 ? "_reverse" : "");
                Tensor h = h0.select(0, l * d + dir);
                Tensor c = c0 == null ? null : c0.select(0, l * d + dir);
                Tensor[] outs = new Tensor[steps];
                for (int s = 0; s < steps; s++) {
                    int t = dir == 1 ? steps - 1 - s : s;
                    Tensor[] r = step(type, p, sfx, input.select(0, t), h, c, act, gate, peephole);
                    h = r[0];
                    c = r[1];
                    outs[t] = h;
                }
                dirOutputs.add(Tensor.stack(List.of(outs), 0));
                hn.add(h);
                if (c != null) cn.add(c);
            }
            input = d == 1 ? dirOutputs.get(0) : Tensor.cat(dirOutputs, 2);
        }
        return new Tensor[] {input, Tensor.stack(hn, 0), cn.isEmpty() ? null : Tensor.stack(cn, 0)};
    }
}
