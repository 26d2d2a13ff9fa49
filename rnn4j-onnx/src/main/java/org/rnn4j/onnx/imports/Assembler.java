package org.rnn4j.onnx.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.onnx.imports.Piece.LinearPiece;
import org.rnn4j.onnx.imports.Piece.RecurrentLayer;
import org.rnn4j.onnx.imports.Value.Axis;
import org.rnn4j.onnx.imports.Value.Input;
import org.rnn4j.onnx.imports.Value.Seq;
import org.rnn4j.onnx.imports.Value.StateOut;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import org.rnn4j.tensor.Tensor;

/**
 * Turns the recognised pieces into a module: consecutive recurrent layers that chain (layer k reads
 * layer k-1's output, same cell, sizes and options) become one RNN/LSTM/GRU stack. Before building,
 * it checks that the graph's outputs are what that module returns, in PyTorch's layout: the data
 * output in the input's layout ([T, B, D*H] or [B, T, D*H]), then {@code h_n} and {@code c_n} as
 * all layers' final states in order; and that each layer's initial state is zeros or its own rows
 * of one state input.
 */
final class Assembler {
    private Assembler() {}

    static Module build(List<Piece> pieces, Seq input, List<OnnxValueInfo> graphInputs, List<Value> outputs) {
        if (pieces.isEmpty()) throw new IllegalArgumentException("the graph computes no module rnn4j knows (no RNN, LSTM, GRU, Gemm or MatMul)");
        List<List<Piece>> groups = new ArrayList<>();
        for (Piece p : pieces) {
            List<Piece> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && p instanceof RecurrentLayer layer && last.get(last.size() - 1) instanceof RecurrentLayer prev
                    && prev.produces(layer.inputLabel()) && stacks(prev, layer)) {
                last.add(p);
            } else {
                groups.add(new ArrayList<>(List.of(p)));
            }
        }
        if (groups.size() != 1) {
            throw new IllegalArgumentException("the graph holds " + groups.size() + " modules in a row ("
                    + groups.stream().map(g -> g.get(0) instanceof RecurrentLayer r ? r.cell().op() : "Linear").toList()
                    + "); importing more than one needs a container module, which ONNX import does not build yet");
        }
        List<Piece> group = groups.get(0);
        List<Axis> in = input.axes();
        if (!group.get(0).inputLabel().equals(in.get(in.size() - 1).label())) {
            throw new IllegalArgumentException("the first module does not read the features (last axis) of graph input '"
                    + graphInputs.get(0).name() + "'");
        }
        Piece last = group.get(group.size() - 1);
        if (outputs.isEmpty() || !(outputs.get(0) instanceof Seq out) || out.axes().size() != in.size()
                || !out.axes().subList(0, in.size() - 1).equals(in.subList(0, in.size() - 1))
                || !last.produces(out.axes().get(in.size() - 1).label())) {
            throw new IllegalArgumentException("the graph's first output is not the module's output in the input's layout"
                    + " (got " + (outputs.isEmpty() ? "none" : GlueOps.kind(outputs.get(0))) + ")");
        }
        if (group.get(0) instanceof LinearPiece lin) {
            if (outputs.size() != 1) throw new IllegalArgumentException("a Linear graph has one output, got " + outputs.size());
            Linear m = new Linear(lin.in(), lin.out(), lin.bias() != null);
            Map<String, Tensor> sd = new LinkedHashMap<>();
            sd.put("weight", Tensor.of(lin.weight(), lin.out(), lin.in()));
            if (lin.bias() != null) sd.put("bias", Tensor.of(lin.bias(), lin.out()));
            m.loadStateDict(sd);
            return m;
        }
        List<RecurrentLayer> layers = group.stream().map(p -> (RecurrentLayer) p).toList();
        return recurrent(layers, in, outputs);
    }

    private static boolean stacks(RecurrentLayer a, RecurrentLayer b) {
        return a.cell() == b.cell() && a.directions() == b.directions() && a.hidden() == b.hidden()
                && b.inputSize() == a.directions() * a.hidden() && a.activation() == b.activation()
                && a.gateActivation() == b.gateActivation() && (a.bih() == null) == (b.bih() == null)
                && (a.peep() == null) == (b.peep() == null) && a.timeLabel().equals(b.timeLabel())
                && a.batchLabel().equals(b.batchLabel());
    }

    private static Module recurrent(List<RecurrentLayer> layers, List<Axis> in, List<Value> outputs) {
        RecurrentLayer first = layers.get(0);
        if (in.size() != 3) throw new IllegalArgumentException("a recurrent graph's input must have 3 axes, got " + in.size());
        boolean batchFirst = first.timeLabel().equals(in.get(1).label());
        boolean lstm = first.cell() == org.rnn4j.onnx.rnn.OnnxCell.LSTM;
        List<Integer> all = layers.stream().map(RecurrentLayer::index).toList();
        int expected = lstm ? 3 : 2;
        if (outputs.size() > expected) {
            throw new IllegalArgumentException("a " + first.cell().op() + " graph has at most " + expected + " outputs, got " + outputs.size());
        }
        for (int o = 1; o < outputs.size(); o++) {
            if (!Objects.equals(outputs.get(o), new StateOut(o, all))) {
                throw new IllegalArgumentException("graph output " + o + " is not " + (o == 1 ? "h_n" : "c_n")
                        + " of all " + layers.size() + " layers in order (got " + GlueOps.kind(outputs.get(o)) + ")");
            }
        }
        checkStates(layers, true);
        if (lstm) checkStates(layers, false);
        RecurrentConfig c = RecurrentConfig.of(first.cell().cell(), first.inputSize(), first.hidden())
                .numLayers(layers.size()).bias(first.bih() != null).batchFirst(batchFirst)
                .bidirectional(first.directions() == 2).activation(first.activation())
                .gateActivation(first.gateActivation()).peephole(first.peep() != null);
        Recurrent m = Recurrent.of(c);
        Map<String, Tensor> sd = new LinkedHashMap<>();
        int g = first.cell().cell().gates();
        int h = first.hidden();
        for (int k = 0; k < layers.size(); k++) {
            RecurrentLayer l = layers.get(k);
            for (int dir = 0; dir < l.directions(); dir++) {
                String sfx = "_l" + k + (dir == 1 ? "_reverse" : "");
                sd.put("weight_ih" + sfx, Tensor.of(l.wih()[dir], g * h, l.inputSize()));
                sd.put("weight_hh" + sfx, Tensor.of(l.whh()[dir], g * h, h));
                if (l.bih() != null) {
                    sd.put("bias_ih" + sfx, Tensor.of(l.bih()[dir], g * h));
                    sd.put("bias_hh" + sfx, Tensor.of(l.bhh()[dir], g * h));
                }
                if (l.peep() != null) {
                    sd.put("weight_ci" + sfx, Tensor.of(l.peep()[dir][0], h));
                    sd.put("weight_cf" + sfx, Tensor.of(l.peep()[dir][1], h));
                    sd.put("weight_co" + sfx, Tensor.of(l.peep()[dir][2], h));
                }
            }
        }
        m.loadStateDict(sd);
        return m.module();
    }

    /** Each layer's initial state: zeros for all layers, or layer k's rows [k*D, (k+1)*D) of one input. */
    private static void checkStates(List<RecurrentLayer> layers, boolean h) {
        String what = h ? "initial_h" : "initial_c";
        Input first = h ? layers.get(0).h0() : layers.get(0).c0();
        int d = layers.get(0).directions();
        for (int k = 0; k < layers.size(); k++) {
            Input s = h ? layers.get(k).h0() : layers.get(k).c0();
            if (first == null && s == null) continue;
            boolean whole = layers.size() == 1 && s != null && s.from() == 0 && s.to() == -1;
            boolean rows = s != null && s.from() == (long) k * d && s.to() == (long) (k + 1) * d;
            if (first == null || s == null || !s.name().equals(first.name()) || !(whole || rows)) {
                throw new IllegalArgumentException("layer " + k + "'s " + what + " is not rows [" + k * d + ", "
                        + (k + 1) * d + ") of one state input (or zeros for every layer)");
            }
        }
    }
}
