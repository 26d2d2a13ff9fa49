package org.rnn4j.onnx.export;

import java.util.List;
import java.util.Map;
import org.rnn4j.nn.Module;
import org.rnn4j.onnx.proto.OnnxValueInfo;

/**
 * Writes one kind of module as ONNX nodes. One small class per module type, registered in
 * {@link Exporters}; a container's exporter calls {@link ExportContext#export} for its children.
 * Modules with one input and one output implement {@link UnaryExporter}, which is what
 * {@link SequentialExporter} chains.
 *
 * @param <M> the module class it handles
 */
public interface ModuleExporter<M extends Module> {
    /** The graph inputs and outputs of a model made of this module alone (names, types, dynamic axes). */
    record Signature(List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs) {
        public Signature {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    Class<M> type();

    /**
     * The name of a graph of this module alone: the simple name of the class {@code Onnx.load}
     * returns for that graph, so that export, load and export again write the same bytes. The
     * module's own class, except where the graph loads as another equivalent module (a Sequential
     * of one module as that module, a Dropout as an empty Sequential).
     */
    default String graphName(M module, ExportContext ctx) {
        return module.getClass().getSimpleName();
    }

    /**
     * The model's {@code metadata_props} when {@code module} is exported alone: none by default. A
     * composite model's exporter names its model-file codec and options here
     * ({@link ModuleDescription}), which is how {@code Onnx.load} rebuilds it.
     */
    default Map<String, String> metadata(M module, ExportContext ctx) {
        return Map.of();
    }

    /** The signature of {@code module} exported alone, in the batch layout {@code ctx} asks for. */
    Signature signature(M module, ExportContext ctx);

    /**
     * Adds the nodes that compute {@code outputs} (names chosen by the caller) from {@code inputs}.
     * Throws IllegalArgumentException naming the option when ONNX cannot express the module.
     */
    void export(M module, ExportContext ctx, List<String> inputs, List<String> outputs);
}
