package org.rnn4j.onnx.export;

import java.util.List;
import org.rnn4j.nn.Linear;
import org.rnn4j.onnx.proto.DataType;
import org.rnn4j.onnx.proto.OnnxValueInfo;
import org.rnn4j.onnx.proto.OnnxValueInfo.Dim;

/**
 * Exports {@code Linear} ({@code y = x W^T + b}) as {@code MatMul(x, W^T)} then {@code Add(b)},
 * which works on input of any rank [..., in] (ONNX's Gemm takes only 2-D). W^T [in, out] is stored
 * transposed, as PyTorch's exporter does after constant folding.
 */
public final class LinearExporter implements ModuleExporter<Linear> {
    @Override
    public Class<Linear> type() {
        return Linear.class;
    }

    @Override
    public Signature signature(Linear m, ExportContext ctx) {
        int[] w = m.weight().shape();
        boolean bf = ctx.batchFirst(false);
        Dim t = Dim.of("time");
        Dim b = Dim.of("batch");
        List<Dim> lead = bf ? List.of(b, t) : List.of(t, b);
        return new Signature(
                List.of(new OnnxValueInfo("input", DataType.FLOAT, List.of(lead.get(0), lead.get(1), Dim.of(w[1])))),
                List.of(new OnnxValueInfo("output", DataType.FLOAT, List.of(lead.get(0), lead.get(1), Dim.of(w[0])))));
    }

    @Override
    public void export(Linear m, ExportContext ctx, List<String> inputs, List<String> outputs) {
        int out = m.weight().shape()[0];
        int in = m.weight().shape()[1];
        float[] w = m.weight().toFloatArray();
        float[] wt = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) wt[i * out + o] = w[o * in + i];
        }
        String weight = ctx.floats("linear_weight_t", wt, in, out);
        if (m.bias() == null) {
            ctx.node("MatMul", List.of(inputs.get(0), weight), List.of(outputs.get(0)));
        } else {
            String product = ctx.node1("MatMul", "linear_matmul", List.of(inputs.get(0), weight));
            String bias = ctx.floats("linear_bias", m.bias().toFloatArray(), out);
            ctx.node("Add", List.of(product, bias), List.of(outputs.get(0)));
        }
    }
}
