package org.rnn4j.onnx.export;

import java.util.List;
import org.rnn4j.nn.Linear;

/**
 * Exports {@code Linear} ({@code y = x W^T + b}) as {@code MatMul(x, W^T)} then {@code Add(b)},
 * which works on input of any rank [..., in] (ONNX's Gemm takes only 2-D). W^T [in, out] is stored
 * transposed, as PyTorch's exporter does after constant folding.
 */
public final class LinearExporter implements UnaryExporter<Linear> {
    @Override
    public Class<Linear> type() {
        return Linear.class;
    }

    @Override
    public Port input(Linear m, ExportContext ctx) {
        return Port.features(m.weight().shape()[1]);
    }

    @Override
    public Port output(Linear m, Port input, ExportContext ctx) {
        return Port.features(m.weight().shape()[0]);
    }

    @Override
    public void emit(Linear m, ExportContext ctx, String input, String output) {
        int out = m.weight().shape()[0];
        int in = m.weight().shape()[1];
        float[] w = m.weight().toFloatArray();
        float[] wt = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) wt[i * out + o] = w[o * in + i];
        }
        String weight = ctx.floats("linear_weight_t", wt, in, out);
        if (m.bias() == null) {
            ctx.node("MatMul", List.of(input, weight), List.of(output));
        } else {
            String product = ctx.node1("MatMul", "linear_matmul", List.of(input, weight));
            String bias = ctx.floats("linear_bias", m.bias().toFloatArray(), out);
            ctx.node("Add", List.of(product, bias), List.of(output));
        }
    }
}
