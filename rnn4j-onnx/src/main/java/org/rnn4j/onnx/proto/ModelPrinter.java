package org.rnn4j.onnx.proto;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A readable listing of a model: versions, inputs, outputs, initializers and nodes (rnn4j inspect). */
public final class ModelPrinter {
    /** The longest metadata value printed whole. */
    private static final int MAX_VALUE = 120;

    private ModelPrinter() {}

    public static void print(OnnxModel m, PrintWriter out) {
        out.printf("ONNX model: IR version %d, producer %s%n", m.irVersion(),
                m.producerName().isEmpty() ? "(none)" : m.producerName() + " " + m.producerVersion());
        out.println("opset: " + m.opsets().stream()
                .map(o -> (o.domain().isEmpty() ? "ai.onnx" : o.domain()) + " " + o.version())
                .collect(Collectors.joining(", ")));
        if (!m.metadata().isEmpty()) {
            out.println("metadata:");
            m.metadata().forEach((k, v) -> out.printf("  %s = %s%n", k, abbreviated(v)));
        }
        OnnxGraph g = m.graph();
        out.println("inputs:");
        for (OnnxValueInfo v : g.inputs()) {
            out.printf("  %s  %s %s%n", v.name(), DataType.name(v.elemType()), v.shapeText());
        }
        out.println("outputs:");
        for (OnnxValueInfo v : g.outputs()) {
            out.printf("  %s  %s %s%n", v.name(), DataType.name(v.elemType()), v.shapeText());
        }
        long params = 0;
        for (OnnxTensor t : g.initializers()) params += t.numel();
        out.printf("initializers: %d tensors, %d elements%n", g.initializers().size(), params);
        for (OnnxTensor t : g.initializers()) {
            out.printf("  %s  %s %s%n", t.name(), DataType.name(t.dataType()), Arrays.toString(t.dims()));
        }
        out.printf("nodes: %d%n", g.nodes().size());
        for (OnnxNode n : g.nodes()) {
            String attrs = n.attributes().stream().map(a -> a.name() + "=" + a.valueText())
                    .collect(Collectors.joining(", "));
            out.printf("  %s%s(%s) -> %s%s%n", n.name().isEmpty() ? "" : n.name() + ": ", n.opType(),
                    String.join(", ", n.inputs()), String.join(", ", n.outputs()),
                    attrs.isEmpty() ? "" : "  {" + attrs + "}");
        }
        out.flush();
    }

    /** A metadata value on one line: at most {@value #MAX_VALUE} characters (a vocabulary can be long). */
    private static String abbreviated(String v) {
        String line = v.replace("\n", "\\n").replace("\r", "\\r");
        return line.length() <= MAX_VALUE ? line : line.substring(0, MAX_VALUE) + "... (" + v.length() + " characters)";
    }
}
