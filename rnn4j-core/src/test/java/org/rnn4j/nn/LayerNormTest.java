package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.rnn4j.nn.ModuleBadInputTest.fails;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.GradCheck;
import org.rnn4j.tensor.Tensor;

/**
 * LayerNorm beyond the PyTorch fixtures (ModuleParityTest): finite-difference gradients of the
 * input, weight and bias for every option and for a strided input, the options' accessors and
 * repr, and bad input.
 */
class LayerNormTest {
    /** Parameters away from ones and zeros, so that the weight and bias gradients are distinct. */
    private static void params(LayerNorm ln, long seed) {
        for (Tensor p : ln.parameters()) p.copyFrom(GradCheck.uniform(seed++, 0.5, 1.5, p.shape()));
    }

    @Test
    void gradientsMatchFiniteDifferencesWithAffineAndBias() {
        LayerNorm ln = new LayerNorm(5);
        params(ln, 1);
        Tensor x = GradCheck.uniform(10, -1, 1, 3, 5);
        GradCheck.check("layernorm", in -> ln.forward(in[0]), x, ln.weight(), ln.bias());
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryOption() {
        for (LayerNorm.Options o : List.of(LayerNorm.options().bias(false), LayerNorm.options().elementwiseAffine(false),
                LayerNorm.options().eps(0.3))) {
            LayerNorm ln = new LayerNorm(4, o);
            params(ln, 2);
            Tensor x = GradCheck.uniform(20, -1, 1, 2, 3, 4);
            Tensor[] inputs = new Tensor[1 + ln.parameters().size()];
            inputs[0] = x;
            for (int i = 0; i < ln.parameters().size(); i++) inputs[1 + i] = ln.parameters().get(i);
            GradCheck.check("layernorm " + o, in -> ln.forward(in[0]), inputs);
        }
    }

    @Test
    void stridedInputIsNormalisedAlongItsLogicalLastDimension() {
        LayerNorm ln = new LayerNorm(3);
        params(ln, 3);
        Tensor base = GradCheck.uniform(30, -2, 2, 3, 4);
        GradCheck.check("layernorm of a transpose", in -> ln.forward(in[0].transpose(0, 1)), base, ln.weight(),
                ln.bias());
        Tensor strided = ln.forward(base.detach().transpose(0, 1));
        Tensor dense = ln.forward(Tensor.of(base.detach().transpose(0, 1).toFloatArray(), 4, 3));
        assertArrayEquals(dense.toFloatArray(), strided.toFloatArray());
    }

    @Test
    void freshModuleIsTheIdentityNormalisation() {
        LayerNorm ln = new LayerNorm(4);
        Tensor y = ln.forward(Tensor.of(new float[] {1, 2, 3, 4}, 4));
        // mean 2.5, biased variance 1.25: (x - 2.5) / sqrt(1.25 + 1e-5)
        double s = Math.sqrt(1.25 + 1e-5);
        float[] expected = {(float) (-1.5 / s), (float) (-0.5 / s), (float) (0.5 / s), (float) (1.5 / s)};
        assertArrayEquals(expected, y.toFloatArray(), 1e-6f);
    }

    @Test
    void accessorsAndRepr() {
        LayerNorm ln = new LayerNorm(10, LayerNorm.options().eps(1e-3).bias(false));
        assertEquals(10, ln.normalizedShape());
        assertEquals(1e-3, ln.eps());
        assertEquals(true, ln.elementwiseAffine());
        assertEquals(LayerNorm.options().eps(1e-3).bias(false), ln.config());
        assertNull(ln.bias());
        assertEquals(List.of("weight"), List.copyOf(ln.namedParameters().keySet()));
        assertEquals("LayerNorm((10,), eps=0.001, elementwise_affine=True)", ln.toString());
        LayerNorm plain = new LayerNorm(3, LayerNorm.options().elementwiseAffine(false));
        assertEquals("LayerNorm((3,), eps=1e-05, elementwise_affine=False)", plain.toString());
        assertEquals(0, plain.parameters().size());
        assertNull(plain.weight());
        assertEquals(new LayerNorm(10, ln.config()).toString(), ln.toString());
    }

    @Test
    void badInput() {
        LayerNorm ln = new LayerNorm(4);
        fails(() -> ln.forward(Tensor.zeros(3, 5)),
                "Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[3, 5]");
        fails(() -> ln.forward(Tensor.scalar(1f)), "expected input with shape [*, 4]", "size[]");
        fails(() -> ln.forward(Tensor.ofLongs(new long[] {1, 2, 3, 4}, 4)), "FLOAT32", "INT64");
        fails(() -> ln.forward(null), "must not be null");
        fails(() -> new LayerNorm(-2), "negative dimension -2");
        fails(() -> new LayerNorm(3, null), "options must not be null");
    }
}
