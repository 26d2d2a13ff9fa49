package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.GradCheck;
import org.rnn4j.tensor.Tensor;

/**
 * The losses beyond what the PyTorch fixtures pin down: the fused cross-entropy against the
 * composed logSoftmax + gather + mean path (values and gradients), finite-difference gradients
 * of every loss and option, the edge cases PyTorch 1.13 answers by hand (in the comments), the
 * defaults, and 0-dim results for MEAN and SUM.
 */
class LossesTest {
    private static Tensor logits(long seed, int... shape) {
        return GradCheck.uniform(seed, -3, 3, shape);
    }

    @Test
    void fusedCrossEntropyEqualsTheComposedPath() {
        Tensor x = logits(1, 32, 65).requiresGrad(true);
        long[] t = new long[32];
        for (int i = 0; i < t.length; i++) t[i] = (i * 37L) % 65;
        Tensor target = Tensor.ofLongs(t, 32);
        Tensor fused = new CrossEntropyLoss().forward(x, target);
        fused.backward();
        float[] fusedGrad = x.grad().toFloatArray();
        x.setGrad(null);
        Tensor composed = x.logSoftmax(1).gather(1, target.reshape(32, 1)).mean().neg();
        composed.backward();
        assertEquals(composed.item(), fused.item(), 1e-6f);
        assertArrayEquals(x.grad().toFloatArray(), fusedGrad, 1e-7f);
        assertArrayEquals(new int[0], fused.shape(), "MEAN is 0-dim");
    }

    @Test
    void finiteDifferenceGradients() {
        Tensor idx = Tensor.ofLongs(new long[] {1, 0, 3, -100, 2, 2, 0, 1, 3, 3, -100, 0}, 3, 2, 2);
        Tensor w = Tensor.of(new float[] {0.5f, 2f, 1f, 1.5f}, 4);
        for (Reduction r : Reduction.values()) {
            CrossEntropyLoss ce = new CrossEntropyLoss(CrossEntropyLoss.options().reduction(r).weight(w)
                    .labelSmoothing(0.3));
            GradCheck.check("CE spatial " + r, in -> ce.forward(in[0], idx), logits(2, 3, 4, 2, 2));
            GradCheck.check("CE probabilities " + r, in -> ce.forward(in[0], in[1].softmax(1)), logits(3, 3, 4),
                    logits(4, 3, 4));
            GradCheck.check("CE unbatched " + r, in -> ce.forward(in[0], Tensor.ofLongs(new long[] {2}).reshape()),
                    logits(5, 4));
            NLLLoss nll = new NLLLoss(NLLLoss.options().reduction(r).weight(w));
            GradCheck.check("NLL " + r, in -> nll.forward(in[0], idx), logits(6, 3, 4, 2, 2));
            BCEWithLogitsLoss bce = new BCEWithLogitsLoss(BCEWithLogitsLoss.options().reduction(r)
                    .posWeight(Tensor.of(new float[] {2f, 0.5f, 1f}, 3)).weight(Tensor.of(new float[] {1f, 3f, 0.5f}, 3)));
            GradCheck.check("BCE " + r, in -> bce.forward(in[0], in[1].sigmoid()), logits(7, 2, 3), logits(8, 2, 3));
            GradCheck.check("Huber " + r, in -> new HuberLoss(r, 0.7).forward(in[0], in[1]), pair(9));
            GradCheck.check("SmoothL1 " + r, in -> new SmoothL1Loss(r, 0.4).forward(in[0], in[1]), pair(10));
            GradCheck.check("SmoothL1 beta 0 " + r, in -> new SmoothL1Loss(r, 0).forward(in[0], in[1]), pair(11));
            GradCheck.check("L1 " + r, in -> new L1Loss(r).forward(in[0], in[1]), pair(12));
            GradCheck.check("MSE " + r, in -> new MSELoss(r).forward(in[0], in[1]), pair(13));
        }
    }

    /**
     * x and y = x - d with d in ±{0.1, 0.2, 0.55, 1, 1.5}: both sides of the kinks of Huber (0.7)
     * and smooth L1 (0.4) and of 0, never within a finite-difference step of one.
     */
    private static Tensor[] pair(long seed) {
        float[] d = {0.1f, -0.2f, 0.55f, -1f, 1.5f, -0.1f, 0.2f, -0.55f, 1f, -1.5f, 0.2f, 1f};
        float[] x = GradCheck.uniform(seed, -1, 1, d.length).toFloatArray();
        float[] y = new float[d.length];
        for (int i = 0; i < d.length; i++) y[i] = x[i] - d[i];
        return new Tensor[] {Tensor.of(x, 4, 3), Tensor.of(y, 4, 3)};
    }

    @Test
    void ignoredTargetsAndEmptyBatches() {
        Tensor x = logits(11, 3, 5);
        Tensor allIgnored = Tensor.ofLongs(new long[] {-100, -100, -100}, 3);
        Tensor xg = x.detach().requiresGrad(true);
        Tensor nan = new CrossEntropyLoss().forward(xg, allIgnored);
        assertTrue(Float.isNaN(nan.item())); // torch: nan, with a zero gradient
        nan.backward();
        assertArrayEquals(new float[15], xg.grad().toFloatArray());
        assertTrue(Float.isNaN(new NLLLoss().forward(x, allIgnored).item())); // torch: nan
        assertTrue(Float.isNaN(new CrossEntropyLoss(CrossEntropyLoss.options().labelSmoothing(0.1))
                .forward(x, allIgnored).item())); // torch: nan
        assertEquals(0f, new CrossEntropyLoss(CrossEntropyLoss.options().reduction(Reduction.SUM))
                .forward(x, allIgnored).item());
        Tensor empty = Tensor.zeros(0, 5);
        assertTrue(Float.isNaN(new CrossEntropyLoss().forward(empty, Tensor.ofLongs(new long[0], 0)).item()));
        assertEquals(0f, new CrossEntropyLoss(CrossEntropyLoss.options().reduction(Reduction.SUM))
                .forward(empty, Tensor.ofLongs(new long[0], 0)).item()); // torch: 0.
        assertTrue(Float.isNaN(new CrossEntropyLoss().forward(empty, Tensor.zeros(0, 5)).item())); // torch: nan
        // an ignored row gets no gradient, a kept one softmax - onehot (scaled by 1/1 kept row)
        Tensor y = logits(12, 2, 3).requiresGrad(true);
        new CrossEntropyLoss().forward(y, Tensor.ofLongs(new long[] {-100, 1}, 2)).backward();
        float[] g = y.grad().toFloatArray();
        float[] p = y.detach().select(0, 1).softmax(0).toFloatArray();
        assertArrayEquals(new float[] {0, 0, 0, p[0], p[1] - 1, p[2]}, g, 1e-6f);
    }

    @Test
    void regressionLossesAtTheKinks() {
        Tensor x = Tensor.of(new float[] {0, 1, -2}, 3).requiresGrad(true);
        Tensor y = Tensor.of(new float[] {0, 0, 0}, 3).requiresGrad(true);
        new SmoothL1Loss(Reduction.SUM, 0).forward(x, y).backward();
        // PyTorch 2.x computes beta = 0 as l1_loss: sign(d), 0 at d = 0 for both sides
        assertArrayEquals(new float[] {0, 1, -1}, x.grad().toFloatArray());
        assertArrayEquals(new float[] {0, -1, 1}, y.grad().toFloatArray(), 0f);
        Tensor h = Tensor.of(new float[] {0.5f, -0.5f, 2f}, 3).requiresGrad(true);
        Tensor loss = new HuberLoss(Reduction.NONE, 0.5).forward(h, Tensor.zeros(3));
        assertArrayEquals(new float[] {0.125f, 0.125f, 0.875f}, loss.toFloatArray()); // torch: [0.125, 0.125, 0.875]
        loss.sum().backward();
        assertArrayEquals(new float[] {0.5f, -0.5f, 0.5f}, h.grad().toFloatArray());
        Tensor l1 = Tensor.of(new float[] {1, 1}, 2).requiresGrad(true);
        new L1Loss().forward(l1, Tensor.of(new float[] {1, 3}, 2)).backward();
        assertArrayEquals(new float[] {0, -0.5f}, l1.grad().toFloatArray());
    }

    @Test
    void bceWithLogitsIsStableAtExtremeLogits() {
        Tensor x = Tensor.of(new float[] {100, -100, 100, -100}, 4).requiresGrad(true);
        Tensor y = Tensor.of(new float[] {1, 0, 0, 1}, 4);
        Tensor l = new BCEWithLogitsLoss(BCEWithLogitsLoss.options().reduction(Reduction.NONE)).forward(x, y);
        assertArrayEquals(new float[] {0, 0, 100, 100}, l.toFloatArray(), 1e-5f); // torch: [0, 0, 100, 100]
        l.sum().backward();
        assertArrayEquals(new float[] {0, 0, 1, -1}, x.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void defaultsAndReductionShapes() {
        assertEquals(Reduction.MEAN, new CrossEntropyLoss().reduction());
        assertEquals(-100, CrossEntropyLoss.options().ignoreIndex());
        assertEquals(0.0, CrossEntropyLoss.options().labelSmoothing());
        assertNull(CrossEntropyLoss.options().weight());
        assertEquals(-100, new NLLLoss().ignoreIndex());
        assertNull(BCEWithLogitsLoss.options().posWeight());
        assertEquals(1.0, new HuberLoss().delta());
        assertEquals(1.0, new SmoothL1Loss().beta());
        assertEquals(Reduction.MEAN, new L1Loss().reduction());
        assertEquals(Reduction.MEAN, new MSELoss().reduction());
        assertEquals("CrossEntropyLoss()", new CrossEntropyLoss().toString()); // PyTorch's repr
        assertEquals("mean", Reduction.MEAN.torchName());
        Tensor x = logits(13, 4, 3, 2);
        Tensor t = Tensor.ofLongs(new long[] {0, 1, 2, 0, 1, 2, 0, 1}, 4, 2);
        assertArrayEquals(new int[] {4, 2}, new CrossEntropyLoss(CrossEntropyLoss.options().reduction(Reduction.NONE))
                .forward(x, t).shape());
        assertArrayEquals(new int[0], new CrossEntropyLoss(CrossEntropyLoss.options().reduction(Reduction.NONE))
                .forward(logits(14, 3), Tensor.ofLongs(new long[] {1}).reshape()).shape()); // [C] -> 0-dim
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            assertArrayEquals(new int[0], new MSELoss(r).forward(x, x.mul(2f)).shape());
            assertArrayEquals(new int[0], new L1Loss(r).forward(x, x.mul(2f)).shape());
            assertArrayEquals(new int[0], new NLLLoss(NLLLoss.options().reduction(r)).forward(x, t).shape());
            assertArrayEquals(new int[0], new BCEWithLogitsLoss(BCEWithLogitsLoss.options().reduction(r))
                    .forward(x, x.sigmoid()).shape());
        }
        // MSELoss() keeps its composition, bit for bit: ./rnn4j sine prints the same losses
        Tensor a = logits(15, 5, 3);
        Tensor b = logits(16, 5, 3);
        assertEquals(a.sub(b).square().mean().item(), new MSELoss().forward(a, b).item(), 0f);
    }
}
