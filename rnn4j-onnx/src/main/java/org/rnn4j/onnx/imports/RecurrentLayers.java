package org.rnn4j.onnx.imports;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.nn.Activation;
import org.rnn4j.onnx.imports.Value.Axis;
import org.rnn4j.onnx.imports.Value.Const;
import org.rnn4j.onnx.imports.Value.Filled;
import org.rnn4j.onnx.imports.Value.Input;
import org.rnn4j.onnx.imports.Value.Seq;
import org.rnn4j.onnx.imports.Value.StateOut;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;
import org.rnn4j.onnx.rnn.OnnxCell;

/**
 * Reads one ONNX {@code RNN}/{@code LSTM}/{@code GRU} node as a {@link Piece.RecurrentLayer}: checks
 * its attributes against what rnn4j computes (refusing, by name, {@code clip},
 * {@code input_forget}, {@code direction='reverse'}, {@code layout=1}, GRU's
 * {@code linear_before_reset=0}, {@code sequence_lens} and activations rnn4j lacks), checks every
 * weight's shape, and moves the gate blocks back to PyTorch's order ({@link OnnxCell}).
 */
final class RecurrentLayers {
    private RecurrentLayers() {}

    static List<Value> eval(OnnxNode n, List<Value> in, List<Piece> pieces) {
        OnnxCell cell = OnnxCell.ofOp(n.opType());
        boolean lstm = cell == OnnxCell.LSTM;
        for (String bad : List.of("clip", "input_forget")) {
            var a = n.attribute(bad);
            if (a.isPresent() && !(bad.equals("input_forget") && a.get().asInt() == 0)) {
                throw refuse(n, "attribute " + bad + " has no rnn4j equivalent");
            }
        }
        if (n.attribute("layout").map(OnnxAttribute::asInt).orElse(0L) != 0) throw refuse(n, "layout=1 is not supported");
        String direction = n.attribute("direction").map(OnnxAttribute::asString).orElse("forward");
        int d = switch (direction) {
            case "forward" -> 1;
            case "bidirectional" -> 2;
            default -> throw refuse(n, "direction='" + direction + "' has no rnn4j equivalent");
        };
        if (cell == OnnxCell.GRU && n.attribute("linear_before_reset").map(OnnxAttribute::asInt).orElse(0L) != 1) {
            throw refuse(n, "linear_before_reset=0 computes a different GRU than PyTorch's and rnn4j's (they need 1)");
        }
        if (in.size() > 4 && in.get(4) != null) throw refuse(n, "sequence_lens (per-sequence lengths) is not supported");
        if (!(in.get(0) instanceof Seq x) || x.indices() || x.axes().size() != 3) throw refuse(n, "its input X is not the data sequence");
        OnnxTensor w = weight(n, in, 1, "W");
        OnnxTensor r = weight(n, in, 2, "R");
        OnnxTensor b = in.size() > 3 && in.get(3) != null ? weight(n, in, 3, "B") : null;
        OnnxTensor p = lstm && in.size() > 7 && in.get(7) != null ? weight(n, in, 7, "P") : null;
        int g = cell.cell().gates();
        long[] wd = w.dims();
        long[] rd = r.dims();
        if (wd.length != 3 || rd.length != 3 || wd[0] != d || rd[0] != d || rd[1] != rd[2] * g || wd[1] != rd[1]) {
            throw refuse(n, "W " + java.util.Arrays.toString(wd) + " and R " + java.util.Arrays.toString(rd)
                    + " are not [" + d + ", " + g + "*H, I] and [" + d + ", " + g + "*H, H]");
        }
        int h = (int) rd[2];
        int inputSize = (int) wd[2];
        long hs = n.attribute("hidden_size").map(OnnxAttribute::asInt).orElse((long) h);
        if (hs != h) throw refuse(n, "hidden_size=" + hs + " but R is " + java.util.Arrays.toString(rd));
        checkDims(n, b, "B", d, 2L * g * h);
        checkDims(n, p, "P", d, 3L * h);
        Axis feature = x.axes().get(2);
        if (feature.size() >= 0 && feature.size() != inputSize) {
            throw refuse(n, "its input has " + feature.size() + " features but W expects " + inputSize);
        }
        Activation[] acts = activations(n, cell, d);
        int index = pieces.size();
        float[][] wih = new float[d][];
        float[][] whh = new float[d][];
        float[][] bih = b == null ? null : new float[d][];
        float[][] bhh = b == null ? null : new float[d][];
        float[][][] peep = p == null ? null : new float[d][][];
        float[] wv = w.floats();
        float[] rv = r.floats();
        float[] bv = b == null ? null : b.floats();
        float[] pv = p == null ? null : p.floats();
        for (int dir = 0; dir < d; dir++) {
            wih[dir] = cell.onnxToTorch(slice(wv, dir, g * h * inputSize), h, inputSize);
            whh[dir] = cell.onnxToTorch(slice(rv, dir, g * h * h), h, h);
            if (bv != null) {
                bih[dir] = cell.onnxToTorch(slice(bv, 2 * dir, g * h), h, 1);
                bhh[dir] = cell.onnxToTorch(slice(bv, 2 * dir + 1, g * h), h, 1);
            }
            if (pv != null) { // ONNX i, o, f -> rnn4j ci, cf, co
                peep[dir] = new float[][] {slice(pv, 3 * dir, h), slice(pv, 3 * dir + 2, h), slice(pv, 3 * dir + 1, h)};
            }
        }
        Input h0 = state(n, in, 5, "initial_h");
        Input c0 = lstm ? state(n, in, 6, "initial_c") : null;
        Axis t = x.axes().get(0);
        Axis batch = x.axes().get(1);
        pieces.add(new Piece.RecurrentLayer(index, cell, d, h, inputSize, wih, whh, bih, bhh, peep, acts[0], acts[1], h0, c0,
                feature.label(), t.label(), batch.label()));
        List<Value> out = new ArrayList<>();
        out.add(new Seq(List.of(t, new Axis("dir" + index, d), batch, new Axis("hid" + index, h))));
        out.add(new StateOut(1, List.of(index)));
        if (lstm) out.add(new StateOut(2, List.of(index)));
        return out;
    }

    private static float[] slice(float[] v, int block, int len) {
        return java.util.Arrays.copyOfRange(v, block * len, (block + 1) * len);
    }

    private static OnnxTensor weight(OnnxNode n, List<Value> in, int i, String name) {
        if (i >= in.size() || !(in.get(i) instanceof Const c)) throw refuse(n, "its " + name + " is not a constant weight");
        return c.tensor();
    }

    private static void checkDims(OnnxNode n, OnnxTensor t, String name, int d, long len) {
        if (t != null && (t.dims().length != 2 || t.dims()[0] != d || t.dims()[1] != len)) {
            throw refuse(n, name + " is " + java.util.Arrays.toString(t.dims()) + ", expected [" + d + ", " + len + "]");
        }
    }

    /** The initial state operand: absent or all zeros (null), or rows of a graph input. */
    private static Input state(OnnxNode n, List<Value> in, int i, String name) {
        Value v = i < in.size() ? in.get(i) : null;
        if (v == null || v instanceof Filled f && f.value() == 0f) return null;
        if (v instanceof Input s) return s;
        if (v instanceof Const c && allZero(c.tensor())) return null;
        throw refuse(n, "its " + name + " is neither zeros nor rows of a graph input");
    }

    private static boolean allZero(OnnxTensor t) {
        for (float f : t.floats()) if (f != 0f) return false;
        return true;
    }

    /** {rnn4j activation (RNN nonlinearity, LSTM g/h), gate activation (LSTM f)} from the attributes. */
    private static Activation[] activations(OnnxNode n, OnnxCell cell, int d) {
        List<String> names = n.attribute("activations").map(OnnxAttribute::asStrings).orElse(null);
        int per = cell.defaultActivations().size();
        if (names == null) {
            names = new ArrayList<>();
            for (int i = 0; i < d; i++) names.addAll(cell.defaultActivations());
        }
        if (names.size() != per * d) throw refuse(n, "activations lists " + names.size() + " functions, expected " + per * d);
        float[] alphas = n.attribute("activation_alpha").map(OnnxAttribute::asFloats).orElse(new float[0]);
        float[] betas = n.attribute("activation_beta").map(OnnxAttribute::asFloats).orElse(new float[0]);
        int ai = 0;
        int bi = 0;
        Activation[] acts = new Activation[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            float alpha = OnnxCell.takesAlpha(name) && ai < alphas.length ? alphas[ai++] : Float.NaN;
            float beta = OnnxCell.takesBeta(name) && bi < betas.length ? betas[bi++] : Float.NaN;
            acts[i] = OnnxCell.fromOnnx(name, alpha, beta);
            if (acts[i] == null) {
                throw refuse(n, "activation " + name + (Float.isNaN(alpha) ? "" : "(alpha=" + alpha + ", beta=" + beta + ")")
                        + " has no rnn4j equivalent");
            }
        }
        for (int i = per; i < acts.length; i++) {
            if (acts[i] != acts[i % per]) throw refuse(n, "different activations per direction have no rnn4j equivalent");
        }
        return switch (cell) {
            case RNN -> new Activation[] {acts[0], Activation.SIGMOID};
            case GRU -> {
                if (acts[0] != Activation.SIGMOID || acts[1] != Activation.TANH) {
                    throw refuse(n, "GRU activations " + names.subList(0, per) + " have no rnn4j equivalent (Sigmoid, Tanh)");
                }
                yield new Activation[] {Activation.TANH, Activation.SIGMOID};
            }
            case LSTM -> {
                if (acts[1] != acts[2]) {
                    throw refuse(n, "LSTM activations g=" + names.get(1) + " and h=" + names.get(2)
                            + " differ; rnn4j uses one activation for both");
                }
                yield new Activation[] {acts[1], acts[0]};
            }
        };
    }

    static IllegalArgumentException refuse(OnnxNode n, String why) {
        return new IllegalArgumentException("cannot import " + n.describe() + ": " + why);
    }

}
