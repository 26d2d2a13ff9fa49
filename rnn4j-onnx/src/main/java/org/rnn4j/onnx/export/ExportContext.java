package org.rnn4j.onnx.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rnn4j.nn.Module;
import org.rnn4j.onnx.proto.OnnxAttribute;
import org.rnn4j.onnx.proto.OnnxNode;
import org.rnn4j.onnx.proto.OnnxTensor;
import org.rnn4j.onnx.proto.OnnxValueInfo.Dim;

/**
 * The graph being built by the exporters: nodes in topological order, initializers, unique value
 * names, and the export settings ({@link #opset()}, the requested batch layout). Exporters of
 * container modules call {@link #export(Module, List, List)} for their children.
 */
public final class ExportContext {
    private final int opset;
    private final Boolean batchFirst;
    private final Exporters exporters;
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<OnnxTensor> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int counter;

    /** @param batchFirst the requested layout, or null for each module's own */
    public ExportContext(int opset, Boolean batchFirst, Exporters exporters, Set<String> reserved) {
        this.opset = opset;
        this.batchFirst = batchFirst;
        this.exporters = exporters;
        names.addAll(reserved);
    }

    public int opset() {
        return opset;
    }

    /** The batch layout to export: the one asked for in the options, else the module's own. */
    public boolean batchFirst(boolean moduleDefault) {
        return batchFirst != null ? batchFirst : moduleDefault;
    }

    /**
     * The lead axes of a model without recurrence, both dynamic: {@code [time, batch]}, or
     * {@code [batch, time]} when the options ask for batch-first (the modules ignore their order).
     */
    public List<Dim> lead() {
        return batchFirst(false) ? List.of(Dim.of("batch"), Dim.of("time")) : List.of(Dim.of("time"), Dim.of("batch"));
    }

    /**
     * The exporter of {@code module} as a step of a chain; IllegalArgumentException naming
     * {@code where} and the module when it has none, or one for a module with several outputs.
     */
    @SuppressWarnings("unchecked")
    public UnaryExporter<Module> unary(Module module, String where) {
        ModuleExporter<Module> e;
        try {
            e = exporters.forModule(module);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
        }
        if (!(e instanceof UnaryExporter<?> u)) {
            throw new IllegalArgumentException(where + " (" + module.getClass().getSimpleName()
                    + ") has several outputs; a chain takes modules with one input and one output");
        }
        return (UnaryExporter<Module>) u;
    }

    /** Adds the nodes computing {@code outputs} of {@code module} from {@code inputs}. */
    public void export(Module module, List<String> inputs, List<String> outputs) {
        exporters.forModule(module).export(module, this, inputs, outputs);
    }

    /** A value name not used yet, derived from {@code base} (counted, so names are deterministic). */
    public String fresh(String base) {
        String name = base;
        while (!names.add(name)) name = base + "_" + (++counter);
        return name;
    }

    /** Adds a float initializer and returns its name. */
    public String floats(String base, float[] values, long... dims) {
        String name = fresh(base);
        initializers.add(OnnxTensor.ofFloats(name, values, dims));
        return name;
    }

    /** Adds a float scalar (rank 0) initializer and returns its name. */
    public String scalar(String base, float value) {
        String name = fresh(base);
        initializers.add(OnnxTensor.ofFloats(name, new float[] {value}));
        return name;
    }

    /** Adds a 1-D int64 initializer (shapes, axes, perm-like operands) and returns its name. */
    public String longs(String base, long... values) {
        String name = fresh(base);
        initializers.add(OnnxTensor.ofLongs(name, values, values.length));
        return name;
    }

    /** Adds an int64 scalar (rank 0) initializer, such as Gather's index of one position, and returns its name. */
    public String index(String base, long value) {
        String name = fresh(base);
        initializers.add(OnnxTensor.ofLongs(name, new long[] {value}));
        return name;
    }

    /** Adds a node; its name is derived from the op. Returns {@code outputs.get(0)}. */
    public String node(String op, List<String> inputs, List<String> outputs, OnnxAttribute... attributes) {
        for (String out : outputs) {
            if (!out.isEmpty()) names.add(out);
        }
        nodes.add(new OnnxNode(fresh(op.toLowerCase(java.util.Locale.ROOT)), op, "", inputs, outputs,
                Arrays.asList(attributes)));
        return outputs.isEmpty() ? "" : outputs.get(0);
    }

    /** A node with one output named fresh from {@code outBase}; returns that name. */
    public String node1(String op, String outBase, List<String> inputs, OnnxAttribute... attributes) {
        return node(op, inputs, List.of(fresh(outBase)), attributes);
    }

    public List<OnnxNode> nodes() {
        return List.copyOf(nodes);
    }

    public List<OnnxTensor> initializers() {
        return List.copyOf(initializers);
    }
}
