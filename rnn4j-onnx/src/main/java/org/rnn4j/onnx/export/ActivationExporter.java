package org.rnn4j.onnx.export;

import java.util.List;
import org.rnn4j.nn.Module;

/**
 * Exports an element-wise activation module as the ONNX op of the same function: {@code Tanh}
 * (tanh x), {@code ReLU} as {@code Relu} (max(0, x)), {@code Sigmoid} (1 / (1 + e^-x)). Any number
 * of features: alone, its graph's feature axis is the symbolic {@code features}.
 */
public final class ActivationExporter<M extends Module> implements UnaryExporter<M> {
    private final Class<M> type;
    private final String op;

    public ActivationExporter(Class<M> type, String op) {
        this.type = type;
        this.op = op;
    }

    @Override
    public Class<M> type() {
        return type;
    }

    @Override
    public Port input(M m, ExportContext ctx) {
        return Port.anyFeatures();
    }

    @Override
    public Port output(M m, Port input, ExportContext ctx) {
        return input;
    }

    @Override
    public void emit(M m, ExportContext ctx, String input, String output) {
        ctx.node(op, List.of(input), List.of(output));
    }
}
