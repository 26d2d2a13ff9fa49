package org.rnn4j.onnx.export;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.onnx.proto.OnnxAttribute;

/**
 * Exports {@code LayerNorm} over the last axis, y = (x - μ) / √(σ² + ε) ⊙ γ + β with μ and the
 * biased σ² taken over the last axis.
 *
 * <p>At opset 17 and later it is one {@code LayerNormalization(x, γ[, β])} node ({@code axis=-1},
 * {@code epsilon=ε}); that op needs a scale, so without {@code elementwise_affine} γ is an
 * initializer of ones (and the importer reads a scale of ones without β back as no affine).
 * Before 17 there is no such op and the graph spells out PyTorch's own decomposition:
 * <pre>
 *   μ = ReduceMean(x, axes=[-1]),  d = Sub(x, μ),  σ² = ReduceMean(Mul(d, d), axes=[-1]),
 *   y = Div(d, Sqrt(Add(σ², ε)))  [then Mul(y, γ)] [then Add(y, β)]
 * </pre>
 * (PyTorch writes Pow(d, 2) where this writes Mul(d, d): both are the correctly rounded square).
 * ONNX holds ε as a float32, so an ε that is not a float32 value comes back rounded to one.
 */
public final class LayerNormExporter implements UnaryExporter<LayerNorm> {
    /** The first opset with the LayerNormalization op. */
    static final int LAYER_NORMALIZATION_OPSET = 17;

    @Override
    public Class<LayerNorm> type() {
        return LayerNorm.class;
    }

    @Override
    public Port input(LayerNorm m, ExportContext ctx) {
        return Port.features(m.normalizedShape());
    }

    @Override
    public Port output(LayerNorm m, Port input, ExportContext ctx) {
        return Port.features(m.normalizedShape());
    }

    @Override
    public void emit(LayerNorm m, ExportContext ctx, String input, String output) {
        int n = m.normalizedShape();
        float eps = (float) m.eps();
        if (ctx.opset() >= LAYER_NORMALIZATION_OPSET) {
            float[] gamma = m.weight() != null ? m.weight().toFloatArray() : ones(n);
            String scale = ctx.floats("layernorm_weight", gamma, n);
            List<String> in = m.bias() != null ? List.of(input, scale, ctx.floats("layernorm_bias", m.bias().toFloatArray(), n))
                    : List.of(input, scale);
            ctx.node("LayerNormalization", in, List.of(output), OnnxAttribute.ofInt("axis", -1),
                    OnnxAttribute.ofFloat("epsilon", eps));
            return;
        }
        String mean = ctx.node1("ReduceMean", "layernorm_mean", List.of(input), axes(), keepDims());
        String d = ctx.node1("Sub", "layernorm_centered", List.of(input, mean));
        String sq = ctx.node1("Mul", "layernorm_squared", List.of(d, d));
        String var = ctx.node1("ReduceMean", "layernorm_variance", List.of(sq), axes(), keepDims());
        String shifted = ctx.node1("Add", "layernorm_variance_eps", List.of(var, ctx.scalar("layernorm_eps", eps)));
        String std = ctx.node1("Sqrt", "layernorm_std", List.of(shifted));
        boolean affine = m.weight() != null;
        boolean bias = m.bias() != null;
        String y = ctx.node("Div", List.of(d, std), List.of(affine ? ctx.fresh("layernorm_normalized") : output));
        if (affine) {
            String gamma = ctx.floats("layernorm_weight", m.weight().toFloatArray(), n);
            y = ctx.node("Mul", List.of(y, gamma), List.of(bias ? ctx.fresh("layernorm_scaled") : output));
        }
        if (bias) ctx.node("Add", List.of(y, ctx.floats("layernorm_bias", m.bias().toFloatArray(), n)), List.of(output));
    }

    private static OnnxAttribute axes() {
        return OnnxAttribute.ofInts("axes", -1);
    }

    private static OnnxAttribute keepDims() {
        return OnnxAttribute.ofInt("keepdims", 1);
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return v;
    }
}
