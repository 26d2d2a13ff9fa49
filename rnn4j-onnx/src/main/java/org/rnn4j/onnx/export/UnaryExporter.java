package org.rnn4j.onnx.export;

import java.util.List;
import org.rnn4j.nn.Module;
import org.rnn4j.onnx.proto.OnnxValueInfo.Dim;

/**
 * The exporter of a module with one input and one output (an {@link org.rnn4j.nn.UnaryModule}):
 * what {@link SequentialExporter} chains. Its values are {@code [lead..., tail]}, the lead being
 * the dynamic time and batch axes ({@link ExportContext#lead()}) that the module leaves alone; the
 * {@link Port}s say what the tail is.
 */
public interface UnaryExporter<M extends Module> extends ModuleExporter<M> {
    /** What the module reads. */
    Port input(M module, ExportContext ctx);

    /** What the module writes when it reads {@code input} (which {@link #input} accepts). */
    Port output(M module, Port input, ExportContext ctx);

    /** Adds the nodes computing the value named {@code output} from the one named {@code input}. */
    void emit(M module, ExportContext ctx, String input, String output);

    /** True when the module exports as the identity (Dropout): a chain emits nothing for it. */
    default boolean identity(M module) {
        return false;
    }

    /** A model of this module alone: {@code input} -> {@code output}, time and batch dynamic. */
    @Override
    default Signature signature(M module, ExportContext ctx) {
        Port in = input(module, ctx);
        List<Dim> lead = ctx.lead();
        return new Signature(List.of(in.value("input", lead)), List.of(output(module, in, ctx).value("output", lead)));
    }

    @Override
    default void export(M module, ExportContext ctx, List<String> inputs, List<String> outputs) {
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IllegalArgumentException(module.getClass().getSimpleName() + " has one input and one output, got "
                    + inputs.size() + " and " + outputs.size());
        }
        emit(module, ctx, inputs.get(0), outputs.get(0));
    }
}
