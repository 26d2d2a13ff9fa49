package org.rnn4j.onnx.export;

import java.util.List;
import org.rnn4j.nn.Dropout;

/**
 * Exports {@code Dropout} in eval semantics, whatever the module's training flag: the identity,
 * as PyTorch's exporter does for a model in eval mode. In a chain it emits nothing (its neighbours
 * are wired together); alone, the graph is one {@code Identity} node.
 */
public final class DropoutExporter implements UnaryExporter<Dropout> {
    @Override
    public Class<Dropout> type() {
        return Dropout.class;
    }

    @Override
    public Port input(Dropout m, ExportContext ctx) {
        return Port.anyFeatures();
    }

    @Override
    public Port output(Dropout m, Port input, ExportContext ctx) {
        return input;
    }

    @Override
    public boolean identity(Dropout m) {
        return true;
    }

    /** Its graph is the identity, which loads as an empty Sequential. */
    @Override
    public String graphName(Dropout m, ExportContext ctx) {
        return "Sequential";
    }

    @Override
    public void emit(Dropout m, ExportContext ctx, String input, String output) {
        ctx.node("Identity", List.of(input), List.of(output));
    }
}
