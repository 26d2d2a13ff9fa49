package org.rnn4j.onnx.proto;

import java.util.List;

/**
 * An ONNX ModelProto: the IR version, the operator sets imported ({@code opsets}: domain to
 * version, "" being the default ai.onnx domain), who produced it, and the graph.
 */
public record OnnxModel(long irVersion, List<OpsetId> opsets, String producerName, String producerVersion,
                        OnnxGraph graph) {
    public record OpsetId(String domain, long version) {}

    public OnnxModel {
        opsets = List.copyOf(opsets);
    }

    /** The version of the default (ai.onnx) operator set, or -1 when the model imports none. */
    public long opset() {
        return opsets.stream().filter(o -> o.domain().isEmpty() || o.domain().equals("ai.onnx"))
                .mapToLong(OpsetId::version).findFirst().orElse(-1);
    }
}
