package org.rnn4j.onnx.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.internal.BuildScope;
import org.rnn4j.io.ModuleCodec;
import org.rnn4j.io.ModuleCodecs;
import org.rnn4j.io.Onnx;
import org.rnn4j.nn.Module;
import org.rnn4j.onnx.export.ModuleDescription;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.ModelEncoder;
import org.rnn4j.onnx.proto.OnnxGraph;
import org.rnn4j.onnx.proto.OnnxModel;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;
import org.rnn4j.tensor.Tensor;

/**
 * Imports a graph that names its module in its metadata ({@link ModuleDescription}): a composite
 * model that rnn4j exported (the forecast and text commands' nets), whose data flow (a second
 * input, a recurrent stack between other modules, one step picked out of a sequence) has no
 * generic module for {@link GraphImporter} to build. The module is rebuilt by its model-file codec
 * from the options in the metadata; its weights are read from the initializers where its exporter
 * puts them; and the module, exported again at the graph's opset and layout, must give the graph
 * exactly (nodes, inputs, outputs, initializers and their values). So the module that loads
 * computes what the graph computes, and a graph that is not what rnn4j exports for the module its
 * metadata describes is refused, naming the first difference.
 *
 * <p>Where the exporter puts each weight is found by probing: the module is exported with every
 * parameter zero, then with one parameter at a time holding 1, 2, ..., n (2^24 elements at most
 * per probe, where float32 still counts exactly); an initializer element that reads k then (and 0
 * before) holds element k - 1 of that parameter. Exporters copy, transpose and reorder weights but
 * never combine them, which the final comparison checks.
 */
final class DescribedGraphs {
    /** Float32 counts exactly up to 2^24: the most elements one probe can number. */
    private static final int MAX_PROBE = 1 << 24;

    private DescribedGraphs() {}

    /** Whether {@code model} names its module in its metadata. */
    static boolean describes(OnnxModel model) {
        return model.metadata().containsKey(ModuleDescription.TYPE);
    }

    static Module toModule(OnnxModel model) {
        return toModule(model, MAX_PROBE);
    }

    /** {@link #toModule(OnnxModel)} numbering at most {@code probe} elements per export (tests use a few). */
    static Module toModule(OnnxModel model, int probe) {
        String type = model.metadata().get(ModuleDescription.TYPE);
        String json = model.metadata().get(ModuleDescription.CONFIG);
        String what = "the " + type + " that the graph's metadata describes";
        if (json == null) {
            throw new IllegalArgumentException("the graph's metadata names the module type '" + type + "' but has no "
                    + ModuleDescription.CONFIG + " entry (its options)");
        }
        ModuleCodec<?> codec = ModuleCodecs.standard().forType(type);
        if (codec == null) {
            throw new IllegalArgumentException("the graph's metadata names the module type '" + type + "', which no codec"
                    + " on the class path builds (known: " + String.join(", ", ModuleCodecs.standard().types()) + ")");
        }
        long opset = model.opset();
        if (opset < Onnx.MIN_OPSET || opset > Onnx.MAX_OPSET) {
            throw new IllegalArgumentException(what + " is exported at opsets " + Onnx.MIN_OPSET + " to " + Onnx.MAX_OPSET
                    + ", the graph has " + opset);
        }
        Module m;
        // As Models.read builds a model file's module: initial weights from a private generator (loading
        // draws nothing from the default one), and options that ask for far more weights than the graph
        // holds (a hostile file) refused before the heap fills
        try (BuildScope scope = BuildScope.open(budget(model.graph()))) {
            m = codec.build(ConfigJson.parse(json), Map.of());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot rebuild " + what + " from its options: " + e.getMessage(), e);
        }
        try (var off = GradMode.noGrad()) {
            Onnx.Options options = layout(m, model.graph(), Onnx.options().opset((int) opset), what);
            loadWeights(m, model.graph(), options, what, probe);
            String diff = difference(Onnx.toOnnx(m, options).graph(), model.graph(), true);
            if (diff != null) throw notExported(what, diff);
        }
        m.eval();
        return m;
    }

    /** The export options (the module's layout or the other one) whose graph has the file's structure. */
    private static Onnx.Options layout(Module m, OnnxGraph file, Onnx.Options opset, String what) {
        zero(m);
        String first = null;
        for (Onnx.Options o : List.of(opset, opset.batchFirst(true), opset.batchFirst(false))) {
            String diff = difference(Onnx.toOnnx(m, o).graph(), file, false);
            if (diff == null) return o;
            if (first == null) first = diff;
        }
        throw notExported(what, first);
    }

    private static void loadWeights(Module m, OnnxGraph file, Onnx.Options options, String what, int chunk) {
        zero(m);
        List<float[]> baseline = floats(Onnx.toOnnx(m, options).graph());
        List<float[]> values = floats(file);
        List<Tensor> params = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
            Tensor t = p.getValue();
            int n = t.numel();
            float[] w = new float[n];
            boolean[] found = new boolean[n];
            for (int from = 0; from < n; from += chunk) { // a larger parameter is numbered a part at a time
                int to = Math.min(n, from + chunk);
                float[] probe = new float[n];
                for (int i = from; i < to; i++) probe[i] = i - from + 1;
                t.copyFrom(Tensor.of(probe, t.shape()));
                List<float[]> probed = floats(Onnx.toOnnx(m, options).graph());
                t.fill(0f);
                for (int k = 0; k < probed.size(); k++) {
                    float[] v = probed.get(k);
                    if (v == null) continue;
                    for (int e = 0; e < v.length; e++) {
                        if (v[e] == 0 || baseline.get(k)[e] != 0) continue; // not this parameter's, or a constant
                        int i = from + (int) v[e] - 1;
                        if (i < from || i >= to || v[e] != i - from + 1) {
                            throw new IllegalStateException("the exporter combines the weights of parameter '" + p.getKey() + "'");
                        }
                        w[i] = values.get(k)[e];
                        found[i] = true;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (!found[i]) throw notExported(what, "element " + i + " of parameter '" + p.getKey() + "' is in no initializer");
            }
            params.add(t);
            weights.add(w);
        }
        for (int i = 0; i < params.size(); i++) params.get(i).copyFrom(Tensor.of(weights.get(i), params.get(i).shape()));
    }

    /** Bytes the module may allocate while it is built: twice what the graph's weights take, as Models allows. */
    private static long budget(OnnxGraph g) {
        long bytes = 0;
        for (OnnxTensor t : g.initializers()) bytes += 4L * t.numel() + 64;
        return 2 * bytes + (1 << 20);
    }

    private static void zero(Module m) {
        for (Tensor p : m.parameters()) p.fill(0f);
    }

    /** Each initializer's float values (null for other types), in the graph's order. */
    private static List<float[]> floats(OnnxGraph g) {
        List<float[]> out = new ArrayList<>();
        for (OnnxTensor t : g.initializers()) out.add(t.dataType() == DataType.FLOAT ? t.floats() : null);
        return out;
    }

    /**
     * How {@code got} differs from {@code want} (the first difference found), or null when they are
     * the same: inputs, outputs, nodes, initializer names, types and dims, and with {@code values} the
     * initializers' data too.
     */
    static String difference(OnnxGraph want, OnnxGraph got, boolean values) {
        if (!want.name().equals(got.name())) return "it is named '" + got.name() + "', expected '" + want.name() + "'";
        if (!want.inputs().equals(got.inputs())) return "its inputs are " + got.inputs() + ", expected " + want.inputs();
        if (!want.outputs().equals(got.outputs())) return "its outputs are " + got.outputs() + ", expected " + want.outputs();
        for (int i = 0; i < Math.min(want.nodes().size(), got.nodes().size()); i++) {
            if (!Arrays.equals(bytes(want.nodes().get(i)), bytes(got.nodes().get(i)))) {
                return "node " + i + " is " + text(got.nodes().get(i)) + ", rnn4j writes " + text(want.nodes().get(i));
            }
        }
        if (want.nodes().size() != got.nodes().size()) {
            return "it has " + got.nodes().size() + " nodes, expected " + want.nodes().size();
        }
        if (want.initializers().size() != got.initializers().size()) {
            return "it has " + got.initializers().size() + " initializers, expected " + want.initializers().size();
        }
        for (int i = 0; i < want.initializers().size(); i++) {
            OnnxTensor w = want.initializers().get(i);
            OnnxTensor g = got.initializers().get(i);
            if (!w.name().equals(g.name()) || w.dataType() != g.dataType() || !Arrays.equals(w.dims(), g.dims())) {
                return "initializer " + i + " is " + g + ", expected " + w;
            }
            if (values && !w.equals(g)) return "initializer " + g + " holds other values than its weights give";
        }
        return null;
    }

    /** A node as {@code rnn4j inspect} lists it: {@code Gather(x, index) -> y {axis=2}}. */
    private static String text(OnnxNode n) {
        String attrs = n.attributes().stream().map(a -> a.name() + "=" + a.valueText()).collect(Collectors.joining(", "));
        return n.opType() + "(" + String.join(", ", n.inputs()) + ") -> " + String.join(", ", n.outputs())
                + (attrs.isEmpty() ? "" : " {" + attrs + "}");
    }

    private static byte[] bytes(OnnxNode n) {
        OnnxGraph g = new OnnxGraph("", List.of(n), List.of(), List.of(), List.of(), List.of());
        return ModelEncoder.encode(new OnnxModel(0, List.of(), "", "", g));
    }

    private static IllegalArgumentException notExported(String what, String diff) {
        return new IllegalArgumentException("the graph is not what rnn4j exports for " + what + ": " + diff);
    }
}
