package org.rnn4j.onnx.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rnn4j.nn.Sequential;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.onnx.imports.Piece.RecurrentLayer;
import org.rnn4j.onnx.imports.Value.Axis;
import org.rnn4j.onnx.imports.Value.Input;
import org.rnn4j.onnx.imports.Value.Seq;
import org.rnn4j.onnx.imports.Value.StateOut;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import org.rnn4j.tensor.Tensor;

/**
 * Turns the recognised pieces into a module. Consecutive recurrent layers that chain (layer k reads
 * layer k-1's output, same cell, sizes and options) become one RNN/LSTM/GRU stack; every other
 * piece is one module. Each module must read what the one before it made (the first one the graph
 * input's features, or its indices for an Embedding).
 *
 * <p>A recurrent stack alone is returned as itself, after checking that the graph's outputs are
 * what it returns, in PyTorch's layout: the data output in the input's layout ([T, B, D*H] or
 * [B, T, D*H]), then {@code h_n} and {@code c_n} as all layers' final states in order; and that
 * each layer's initial state is zeros or its own rows of one state input. Other modules in a row
 * become a {@code Sequential} (one alone is returned as itself; a graph that computes the identity
 * is an empty Sequential); the graph must have the one input and the one output, with the input's
 * lead axes. A recurrent layer chained with other modules has no rnn4j module
 * (Sequential takes only one-output modules) and is refused, naming the chain.
 */
final class Assembler {
    private Assembler() {}

    static Module build(List<Piece> pieces, Seq input, List<OnnxValueInfo> graphInputs, List<Value> outputs) {
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
        List<String> names = groups.stream().map(g -> ChainModules.name(g.get(0))).toList();
        checkLinks(groups, names, input, graphInputs.get(0).name());
        if (groups.isEmpty()) {
            if (outputs.size() == 1 && input.equals(outputs.get(0)) && !input.indices()) return new Sequential();
            throw new IllegalArgumentException("the graph computes no module rnn4j knows (no RNN, LSTM, GRU, Gemm, MatMul,"
                    + " Gather, LayerNormalization or activation), and is not the identity");
        }
        checkOutput(groups.get(groups.size() - 1), input, outputs);
        boolean recurrent = pieces.stream().anyMatch(p -> p instanceof RecurrentLayer);
        if (recurrent && groups.size() == 1) {
            return recurrent(groups.get(0).stream().map(p -> (RecurrentLayer) p).toList(), input.axes(), outputs);
        }
        if (recurrent) {
            throw new IllegalArgumentException("the graph chains " + names + ": rnn4j's Sequential holds only modules with one"
                    + " input and one output, which the recurrent modules are not, so such a chain has no rnn4j module");
        }
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("a graph of " + names + " has one output, got " + outputs.size());
        }
        if (graphInputs.size() != 1) {
            throw new IllegalArgumentException("a graph of " + names + " has one input, got " + graphInputs.size() + " ("
                    + graphInputs.stream().map(OnnxValueInfo::name).toList() + ")");
        }
        List<Module> modules = pieces.stream().map(ChainModules::of).toList();
        if (modules.size() == 1) return modules.get(0);
        return new Sequential(modules.toArray(new Module[0]));
    }

    /** Each module reads the previous one's output; the first, the graph input's features (or indices). */
    private static void checkLinks(List<List<Piece>> groups, List<String> names, Seq input, String inputName) {
        Piece prev = null;
        for (int k = 0; k < groups.size(); k++) {
            Piece first = groups.get(k).get(0);
            if (prev == null && !first.inputLabel().equals(input.indices() ? Piece.INDICES : input.last().label())) {
                throw new IllegalArgumentException("the first module (" + names.get(0) + ") does not read the "
                        + (input.indices() ? "indices" : "features (last axis)") + " of graph input '" + inputName + "'");
            }
            if (prev != null && !prev.produces(first.inputLabel())) {
                throw new IllegalArgumentException("module " + k + " (" + names.get(k) + ") does not read the output of module "
                        + (k - 1) + " (" + names.get(k - 1) + ")");
            }
            prev = groups.get(k).get(groups.get(k).size() - 1);
        }
    }

    /** The first output is the last module's, over the input's lead axes in their order. */
    private static void checkOutput(List<Piece> group, Seq input, List<Value> outputs) {
        List<Axis> lead = input.indices() ? input.axes() : input.axes().subList(0, input.axes().size() - 1);
        Piece last = group.get(group.size() - 1);
        if (outputs.isEmpty() || !(outputs.get(0) instanceof Seq out) || out.indices() || out.axes().size() != lead.size() + 1
                || !out.axes().subList(0, lead.size()).equals(lead) || !last.produces(out.last().label())) {
            throw new IllegalArgumentException("the graph's first output is not the module's output in the input's layout"
                    + " (got " + (outputs.isEmpty() ? "none" : GlueOps.kind(outputs.get(0))) + ")");
        }
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
