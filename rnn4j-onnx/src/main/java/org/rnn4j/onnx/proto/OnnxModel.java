package org.rnn4j.onnx.proto;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX ModelProto: the IR version, the operator sets imported ({@code opsets}: domain to
 * version, "" being the default ai.onnx domain), who produced it, the graph, and its
 * {@code metadata_props} (key to value, in order; ONNX Runtime shows them as the session's custom
 * metadata).
 */
public record OnnxModel(long irVersion, List<OpsetId> opsets, String producerName, String producerVersion,
                        OnnxGraph graph, Map<String, String> metadata) {
    public record OpsetId(String domain, long version) {}

    public OnnxModel {
        opsets = List.copyOf(opsets);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A model without metadata. */
    public OnnxModel(long irVersion, List<OpsetId> opsets, String producerName, String producerVersion, OnnxGraph graph) {
        this(irVersion, opsets, producerName, producerVersion, graph, Map.of());
    }

    /** This model with {@code entries} added to its metadata (replacing entries of the same keys). */
    public OnnxModel withMetadata(Map<String, String> entries) {
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.putAll(entries);
        return new OnnxModel(irVersion, opsets, producerName, producerVersion, graph, all);
    }

    /** The version of the default (ai.onnx) operator set, or -1 when the model imports none. */
    public long opset() {
        return opsets.stream().filter(o -> o.domain().isEmpty() || o.domain().equals("ai.onnx"))
                .mapToLong(OpsetId::version).findFirst().orElse(-1);
    }
}
