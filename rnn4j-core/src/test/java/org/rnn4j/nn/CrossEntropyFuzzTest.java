package org.rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.rnn4j.tensor.Tensor;

/**
 * Property test of the fused cross-entropy and NLL nodes over random layouts ([C], [N, C],
 * [N, C, d1, d2], sizes from 0), reductions, class weights, label smoothing and targets that are
 * ignored or out of range: the result and the input's gradient must equal the composed path
 * built from the tensor ops (logSoftmax, gather, indexSelect, sum), or the call must throw an
 * IllegalArgumentException exactly when a target is out of range. Any other exception fails.
 */
class CrossEntropyFuzzTest {
    @Property(tries = 400)
    void fusedEqualsComposed(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rank,
            @ForAll @IntRange(min = 0, max = 2) int reduction, @ForAll boolean weighted, @ForAll boolean smoothed,
            @ForAll boolean nll) {
        Random r = new Random(seed);
        int[] shape = new int[rank];
        int cd = rank == 1 ? 0 : 1;
        for (int i = 0; i < rank; i++) shape[i] = r.nextInt(4) + (i == cd ? 1 : 0); // C >= 1
        int classes = shape[cd];
        int[] rowShape = new int[rank - 1];
        for (int i = 0, j = 0; i < rank; i++) if (i != cd) rowShape[j++] = shape[i];
        float[] xv = new float[numel(shape)];
        for (int i = 0; i < xv.length; i++) xv[i] = (float) (r.nextGaussian() * 3);
        long[] tv = new long[numel(rowShape)];
        boolean outOfRange = false;
        for (int i = 0; i < tv.length; i++) {
            int k = r.nextInt(40);
            if (k < 4) {
                tv[i] = -100; // the default ignore_index
            } else if (k == 4) {
                tv[i] = r.nextBoolean() ? classes : -1;
                outOfRange = true;
            } else {
                tv[i] = r.nextInt(classes);
            }
        }
        float[] wv = new float[classes];
        for (int c = 0; c < classes; c++) wv[c] = 0.25f + r.nextFloat();
        Tensor weight = weighted ? Tensor.of(wv, classes) : null;
        double eps = smoothed && !nll ? 0.25 : 0;
        Reduction red = Reduction.values()[reduction];
        String what = Arrays.toString(shape) + " targets " + Arrays.toString(tv) + " " + red + " weighted " + weighted
                + " eps " + eps + (nll ? " NLL" : " CE");

        Tensor x = Tensor.of(xv, shape).requiresGrad(true);
        Tensor target = Tensor.ofLongs(tv, rowShape);
        Tensor fused;
        try {
            fused = nll ? new NLLLoss(NLLLoss.options().reduction(red).weight(weight)).forward(x, target)
                    : new CrossEntropyLoss(CrossEntropyLoss.options().reduction(red).weight(weight).labelSmoothing(eps))
                            .forward(x, target);
        } catch (IllegalArgumentException e) {
            assertTrue(outOfRange && e.getMessage().contains("is out of bounds"), what + ": " + e);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": unexpected " + e, e);
        }
        assertTrue(!outOfRange, what + ": an out-of-range target was accepted");
        fused.backward(Tensor.ones(fused.shape()));
        float[] fusedGrad = x.grad().toFloatArray();
        x.setGrad(null);

        if (red == Reduction.MEAN && Arrays.stream(tv).allMatch(t -> t == -100)) {
            // PyTorch: the mean over no target is NaN, and its gradient 0 (not the composed path's 0/0)
            assertTrue(Float.isNaN(fused.item()), what + ": loss " + fused.item());
            for (float g : fusedGrad) assertTrue(g == 0, what + ": gradient " + Arrays.toString(fusedGrad));
            return;
        }
        Tensor composed = composed(x, tv, rowShape, cd, weight, eps, red, nll);
        composed.backward(Tensor.ones(composed.shape()));
        assertArrayEquals(composed.shape(), fused.shape(), what + ": shape");
        close(composed.toFloatArray(), fused.toFloatArray(), what + ": loss");
        close(x.grad().toFloatArray(), fusedGrad, what + ": gradient");
    }

    /** l = (1-ε) w_t (-logp_t) + (ε/C) Σ_c w_c (-logp_c), 0 where ignored; MEAN divides by Σ w_t kept. */
    private static Tensor composed(Tensor x, long[] tv, int[] rowShape, int cd, Tensor weight, double eps,
            Reduction red, boolean nll) {
        int classes = x.size(cd);
        long[] safe = tv.clone();
        float[] mask = new float[tv.length];
        for (int i = 0; i < tv.length; i++) {
            mask[i] = tv[i] == -100 ? 0 : 1;
            if (tv[i] == -100) safe[i] = 0;
        }
        Tensor logp = nll ? x : x.logSoftmax(cd);
        Tensor picked = logp.gather(cd, Tensor.ofLongs(safe, rowShape).unsqueeze(cd)).squeeze(cd);
        Tensor w = weight == null ? Tensor.ones(classes) : weight;
        Tensor wt = w.indexSelect(0, Tensor.ofLongs(safe, safe.length)).reshape(rowShape)
                .mul(Tensor.of(mask, rowShape));
        Tensor loss = picked.mul(wt).neg().mul((float) (1 - eps));
        if (eps > 0) {
            int[] wShape = new int[x.dim()];
            Arrays.fill(wShape, 1);
            wShape[cd] = classes;
            Tensor smooth = logp.mul(w.reshape(wShape)).sum(cd, false).neg().mul(Tensor.of(mask, rowShape));
            loss = loss.add(smooth.mul((float) (eps / classes)));
        }
        switch (red) {
            case NONE: return loss;
            case SUM: return loss.sum();
            default: return loss.sum().div(wt.sum());
        }
    }

    private static void close(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            boolean ok = Float.isNaN(want[i]) ? Float.isNaN(got[i])
                    : Math.abs(got[i] - want[i]) <= 1e-5 + 1e-4 * Math.abs(want[i]);
            assertTrue(ok, what + " element " + i + ": composed " + want[i] + ", fused " + got[i]);
        }
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }
}
