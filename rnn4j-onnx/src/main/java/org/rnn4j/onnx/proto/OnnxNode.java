package org.rnn4j.onnx.proto;

import java.util.List;
import java.util.Optional;

/** An ONNX NodeProto: one op applied to named values. An empty input name means "absent". */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       List<OnnxAttribute> attributes) {
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    public Optional<OnnxAttribute> attribute(String attr) {
        return attributes.stream().filter(a -> a.name().equals(attr)).findFirst();
    }

    /** The i-th input's name, or "" when absent (optional inputs may be left out or empty). */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    /** How the node is named in messages: its name and op, or its first output when unnamed. */
    public String describe() {
        String id = name.isEmpty() ? (outputs.isEmpty() ? "?" : "producing '" + outputs.get(0) + "'") : "'" + name + "'";
        return opType + " node " + id;
    }
}
