package org.rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnn4j.tensor.GradCheck.check;
import static org.rnn4j.tensor.GradCheck.uniform;

import org.junit.jupiter.api.Test;
import org.rnn4j.internal.TensorAccess;

/** The checker itself: it accepts a right gradient and rejects slightly wrong ones. */
class GradCheckTest {

    /** x³ with a backward rule scaled by {@code factor} (1 is right). */
    private static Tensor cube(Tensor x, float factor) {
        float[] v = x.toFloatArray();
        for (int i = 0; i < v.length; i++) v[i] = v[i] * v[i] * v[i];
        Tensor xd = x.detach();
        return TensorAccess.record(TensorAccess.wrap(v, x.shape()), "CubeBackward",
                g -> new Tensor[] {g.mul(xd.square().mul(3f * factor))}, x);
    }

    @Test
    void checkerAcceptsACorrectCustomGradient() {
        check("cube", in -> cube(in[0], 1f), uniform(1, -1.5, 1.5, 2, 3));
    }

    @Test
    void checkerRejectsAGradientOnePercentOff() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> check("cube*1.01", in -> cube(in[0], 1.01f), uniform(1, 0.5, 1.5, 2, 3)));
        assertTrue(e.getMessage().contains("cube*1.01") && e.getMessage().contains("finite differences"),
                e.getMessage());
    }

    @Test
    void checkerRejectsAGradientWithTheRightShapeButWrongLayout() {
        // a "transpose" whose backward forgets to transpose back: same element count, wrong mapping
        assertThrows(AssertionError.class, () -> check("bad transpose", in -> {
            Tensor x = in[0];
            Tensor out = TensorAccess.wrap(x.transpose(0, 1).toFloatArray(), 3, 2);
            return TensorAccess.record(out, "BadTransposeBackward", g -> new Tensor[] {g.reshape(2, 3)}, x);
        }, uniform(2, -1, 1, 2, 3)));
    }

    @Test
    void checkerRejectsAMissingBroadcastReduction() {
        // b broadcast over rows, but its gradient only takes the first row instead of summing
        assertThrows(AssertionError.class, () -> check("bad broadcast", in -> {
            Tensor a = in[0];
            Tensor b = in[1];
            Tensor out = a.detach().add(b.detach());
            return TensorAccess.record(out, "BadAddBackward",
                    g -> new Tensor[] {g, g.select(0, 0).contiguous()}, a, b);
        }, uniform(3, -1, 1, 2, 3), uniform(4, -1, 1, 3)));
    }

    @Test
    void checkerRejectsAMissingGradient() {
        assertThrows(AssertionError.class, () -> check("no grad for b", in -> {
            Tensor out = in[0].detach().mul(in[1].detach());
            Tensor ad = in[1].detach();
            return TensorAccess.record(out, "HalfMulBackward", g -> new Tensor[] {g.mul(ad), null}, in[0], in[1]);
        }, uniform(5, -1, 1, 3), uniform(6, -1, 1, 3)));
    }
}
