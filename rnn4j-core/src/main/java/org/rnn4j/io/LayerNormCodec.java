package org.rnn4j.io;

import java.util.Arrays;
import java.util.Map;
import org.rnn4j.nn.LayerNorm;
import org.rnn4j.nn.Module;

/**
 * {@link LayerNorm}: {@code normalized_shape} (an array, as PyTorch's attribute is a tuple; rnn4j
 * normalises over the last dimension only, so it has one element), {@code eps},
 * {@code elementwise_affine}, {@code bias}.
 */
final class LayerNormCodec implements ModuleCodec<LayerNorm> {
    @Override
    public String type() {
        return "LayerNorm";
    }

    @Override
    public Class<LayerNorm> moduleClass() {
        return LayerNorm.class;
    }

    @Override
    public ModuleConfig config(LayerNorm m) {
        LayerNorm.Options o = m.config();
        return ModuleConfig.of().with("normalized_shape", new int[] {m.normalizedShape()}).with("eps", o.eps())
                .with("elementwise_affine", o.elementwiseAffine()).with("bias", o.bias());
    }

    @Override
    public LayerNorm build(ModuleConfig c, Map<String, Module> children) {
        int[] shape = c.getInts("normalized_shape");
        if (shape.length != 1) {
            throw new IllegalArgumentException("option 'normalized_shape' must have one element (rnn4j's LayerNorm"
                    + " normalises over the last dimension), got " + Arrays.toString(shape));
        }
        LayerNorm.Options defaults = LayerNorm.options();
        return new LayerNorm(shape[0], defaults.eps(c.getDouble("eps", defaults.eps()))
                .elementwiseAffine(c.getBoolean("elementwise_affine", true)).bias(c.getBoolean("bias", true)));
    }
}
