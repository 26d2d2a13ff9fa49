package org.rnn4j.onnx.proto;

import java.util.List;

/** An ONNX GraphProto: nodes (in the file's order), initializers (weights), inputs and outputs. */
public record OnnxGraph(String name, List<OnnxNode> nodes, List<OnnxTensor> initializers, List<OnnxValueInfo> inputs,
                        List<OnnxValueInfo> outputs, List<OnnxValueInfo> valueInfo) {
    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        valueInfo = List.copyOf(valueInfo);
    }
}
