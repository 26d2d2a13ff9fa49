package org.rnn4j.onnx.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnn4j.nn.Module;
import org.rnn4j.onnx.imports.Value.Axis;
import org.rnn4j.onnx.imports.Value.Const;
import org.rnn4j.onnx.imports.Value.Input;
import org.rnn4j.onnx.imports.Value.Seq;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import org.rnn4j.onnx.rnn.OnnxCell;

/**
 * Imports a graph as an rnn4j module. The graph is interpreted node by node over abstract
 * {@link Value}s: the first graph input is the data (its axes labelled {@code in0, in1, ...}; INT64
 * indices for a model that starts with an Embedding), the others are initial states; module ops
 * (recurrent layers: {@link RecurrentLayers}; Linear: {@link LinearOps}; Embedding, activations,
 * LayerNormalization: {@link LayerOps}; biases, scales and PyTorch's decomposed layer norm:
 * {@link ElementwiseOps}) become {@link Piece}s and the layout ops between them
 * ({@link GlueOps}) move axis labels. Every node must be understood, so an op rnn4j does not
 * know, or a known op used in a way it cannot reproduce, is an IllegalArgumentException naming the
 * op and the node. {@link Assembler} then checks the outputs and builds the module. A graph whose
 * metadata names its module (a composite model rnn4j exported) goes to {@link DescribedGraphs}.
 */
public final class GraphImporter {
    /** Every op the importer knows; a new module type adds its ops here and a case in {@link #module}. */
    private static final Set<String> OPS = union(Set.of("RNN", "LSTM", "GRU"), LinearOps.OPS, ElementwiseOps.OPS,
            LayerOps.OPS, GlueOps.OPS);

    private GraphImporter() {}

    public static Module toModule(OnnxModel model) throws IOException {
        long opset = model.opset();
        if (opset < 1) throw new IOException("the model imports no ai.onnx operator set");
        if (DescribedGraphs.describes(model)) return DescribedGraphs.toModule(model); // a composite rnn4j exported
        GraphIndex index = GraphIndex.of(model.graph());
        for (OnnxNode n : index.order()) {
            boolean defaultDomain = n.domain().isEmpty() || n.domain().equals("ai.onnx");
            if (!defaultDomain || !OPS.contains(n.opType())) {
                throw new IllegalArgumentException("unsupported ONNX op '" + (defaultDomain ? "" : n.domain() + ".")
                        + n.opType() + "' in node '" + n.name() + "'" + (n.name().isEmpty() ? " (" + n.describe() + ")" : ""));
            }
        }
        List<OnnxValueInfo> graphInputs = new ArrayList<>();
        for (OnnxValueInfo v : model.graph().inputs()) {
            if (index.initializer(v.name()) == null) graphInputs.add(v); // inputs with an initializer are weights
        }
        if (graphInputs.isEmpty()) throw new IllegalArgumentException("the graph has no input");
        Map<String, Value> values = new HashMap<>();
        for (OnnxTensor t : model.graph().initializers()) values.put(t.name(), new Const(t));
        values.put(graphInputs.get(0).name(), dataInput(graphInputs.get(0)));
        for (OnnxValueInfo v : graphInputs.subList(1, graphInputs.size())) values.put(v.name(), new Input(v.name(), 0, -1));
        List<Piece> pieces = new ArrayList<>();
        for (OnnxNode n : index.order()) {
            List<Value> in = new ArrayList<>();
            for (String name : n.inputs()) in.add(name.isEmpty() ? null : values.get(name));
            List<Value> out;
            try {
                out = module(n, in, pieces);
            } catch (IndexOutOfBoundsException e) { // fewer inputs than the op needs
                throw new IllegalArgumentException("cannot import " + n.describe() + ": it has " + n.inputs().size()
                        + " inputs, fewer than " + n.opType() + " needs", e);
            }
            for (int i = 0; i < n.outputs().size() && i < out.size(); i++) {
                if (!n.outputs().get(i).isEmpty()) values.put(n.outputs().get(i), out.get(i));
            }
        }
        List<Value> outputs = new ArrayList<>();
        for (OnnxValueInfo v : model.graph().outputs()) outputs.add(values.get(v.name()));
        return Assembler.build(pieces, (Seq) values.get(graphInputs.get(0).name()), graphInputs, outputs);
    }

    private static List<Value> module(OnnxNode n, List<Value> in, List<Piece> pieces) {
        String op = n.opType();
        if (OnnxCell.ofOp(op) != null) return RecurrentLayers.eval(n, in, pieces);
        if (LinearOps.OPS.contains(op)) return LinearOps.eval(n, in, pieces);
        if (ElementwiseOps.OPS.contains(op)) return ElementwiseOps.eval(n, in, pieces);
        if (LayerOps.OPS.contains(op) || LayerOps.isEmbedding(n, in)) return LayerOps.eval(n, in, pieces);
        return GlueOps.eval(n, in);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) all.addAll(s);
        return Set.copyOf(all);
    }

    /**
     * The data input: its axes labelled in0, in1, ... with the sizes its value info gives (time and
     * batch dynamic). An INT64 input holds indices (an Embedding's): all its axes are lead axes.
     */
    private static Seq dataInput(OnnxValueInfo v) {
        if (v.dims() == null || v.dims().isEmpty()) {
            throw new IllegalArgumentException("graph input '" + v.name() + "' has " + (v.dims() == null ? "no shape" : "rank 0"));
        }
        boolean indices = v.elemType() == DataType.INT64;
        if (!indices && v.elemType() != DataType.FLOAT) {
            throw new IllegalArgumentException("graph input '" + v.name() + "' is " + DataType.name(v.elemType())
                    + "; rnn4j imports models of FLOAT data or INT64 indices");
        }
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < v.dims().size(); i++) {
            OnnxValueInfo.Dim d = v.dims().get(i);
            // The last axis of float data holds the features: its size is fixed; the others are time and batch
            long size = !indices && i == v.dims().size() - 1 && d.param() == null && d.value() > 0 ? d.value() : -1;
            axes.add(new Axis("in" + i, size));
        }
        return new Seq(axes, indices);
    }
}
