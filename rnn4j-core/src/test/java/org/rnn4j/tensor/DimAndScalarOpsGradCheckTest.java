package org.rnn4j.tensor;

import static org.rnn4j.tensor.GradCheck.awayFromZero;
import static org.rnn4j.tensor.GradCheck.check;
import static org.rnn4j.tensor.GradCheck.uniform;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The gradients of softmax, logSoftmax, logsumexp, mean(dim), amax, gather, indexSelect, clamp
 * and pow against central finite differences ({@link GradCheck}), over every dim (negative ones
 * included), keepDim both ways, non-contiguous inputs, and repeated indices.
 */
class DimAndScalarOpsGradCheckTest {
    private static final int[] DIMS = {0, 1, 2, -1, -2, -3};

    @Test
    void softmaxFamily() {
        for (int d : DIMS) {
            check("softmax(" + d + ")", in -> in[0].softmax(d), uniform(1, -2, 2, 2, 3, 4));
            check("logSoftmax(" + d + ")", in -> in[0].logSoftmax(d), uniform(2, -2, 2, 2, 3, 4));
            for (boolean keep : new boolean[] {false, true}) {
                check("logsumexp(" + d + ", " + keep + ")", in -> in[0].logsumexp(d, keep), uniform(3, -2, 2, 2, 3, 4));
            }
        }
        check("softmax of 0-dim", in -> in[0].softmax(0), uniform(4, -1, 1));
        check("logsumexp of 0-dim", in -> in[0].logsumexp(-1, true), uniform(5, -1, 1));
        check("logSoftmax of a transpose", in -> in[0].transpose(0, 1).logSoftmax(1), uniform(6, -2, 2, 3, 4));
        check("softmax of large logits", in -> in[0].mul(30f).softmax(-1), uniform(7, -1, 1, 3, 5));
        check("logSoftmax then gather (composed NLL)",
                in -> in[0].logSoftmax(1).gather(1, Tensor.ofLongs(new long[] {2, 0, 2}, 3, 1)),
                uniform(8, -2, 2, 3, 4));
    }

    @Test
    void meanAndAmax() {
        for (int d : DIMS) {
            for (boolean keep : new boolean[] {false, true}) {
                check("mean(" + d + ", " + keep + ")", in -> in[0].mean(d, keep), uniform(10, -1, 1, 2, 3, 4));
                // distinct values 2/24 apart: no tie within reach of the finite-difference step
                check("amax(" + d + ", " + keep + ")", in -> in[0].amax(d, keep), spread(11, 2, 3, 4));
            }
        }
        check("amax of a narrow", in -> in[0].narrow(1, 1, 2).amax(1, false), spread(12, 3, 4));
        check("mean of 0-dim", in -> in[0].mean(0, false), uniform(13, -1, 1));
    }

    @Test
    void gatherAndIndexSelect() {
        Tensor idx = Tensor.ofLongs(new long[] {0, 2, 2, 1, 0, 0, 3, 3}, 2, 4);
        check("gather dim 1 (repeats)", in -> in[0].gather(1, idx), uniform(20, -1, 1, 3, 4));
        check("gather dim -2", in -> in[0].gather(-2, Tensor.ofLongs(new long[] {2, 2, 0, 1}, 1, 4)),
                uniform(21, -1, 1, 3, 4));
        check("gather 3-D dim 1", in -> in[0].gather(1, Tensor.ofLongs(new long[] {1, 1, 0, 2, 2, 0}, 2, 3, 1)),
                uniform(22, -1, 1, 2, 3, 2));
        check("gather of a transpose", in -> in[0].transpose(0, 1).gather(1, idx.narrow(1, 0, 3)),
                uniform(23, -1, 1, 4, 3));
        Tensor sel = Tensor.ofLongs(new long[] {2, 0, 2, 2}, 4);
        for (int d : new int[] {0, 1, 2, -1}) {
            check("indexSelect(" + d + ") with repeats", in -> in[0].indexSelect(d, sel), uniform(24, -1, 1, 3, 3, 3));
        }
        check("indexSelect with a 0-dim index", in -> in[0].indexSelect(1, Tensor.ofLongs(new long[] {1})),
                uniform(25, -1, 1, 2, 3));
    }

    @Test
    void clampAndPow() {
        // elements at least 0.05 from either bound, so the step never crosses one
        check("clamp(-0.5, 0.5)", in -> in[0].clamp(-0.5, 0.5), awayFrom(30, new double[] {-0.5, 0.5}, 3, 5));
        check("clamp(0, inf)", in -> in[0].clamp(0, Double.POSITIVE_INFINITY), awayFromZero(31, 0.05, 1, 3, 5));
        check("clamp(-inf, 0.2)", in -> in[0].clamp(Double.NEGATIVE_INFINITY, 0.2),
                awayFrom(32, new double[] {0.2}, 3, 5));
        check("clamp(1, -1) (inverted)", in -> in[0].clamp(1, -1), uniform(33, -2, 2, 3, 5));
        for (double e : new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3, -0.5, -1, -1.5, -2}) {
            check("pow(" + e + ") of positives", in -> in[0].pow(e), uniform(34, 0.5, 2, 2, 3));
        }
        for (double e : new double[] {1, 2, 3, -1, -2, 4}) {
            check("pow(" + e + ") of negatives", in -> in[0].pow(e), uniform(35, -2, -0.5, 2, 3));
        }
    }

    /** The values -1 + 2i/n (i < n), shuffled: distinct and 2/n apart. */
    private static Tensor spread(long seed, int... shape) {
        int n = Shapes.numel(shape);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = -1f + 2f * i / n;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.of(v, shape);
    }

    /** Uniform values in [-2, 2) moved at least 0.05 away from each of {@code bounds}. */
    private static Tensor awayFrom(long seed, double[] bounds, int... shape) {
        Random r = new Random(seed);
        float[] v = new float[Shapes.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            double x = -2 + 4 * r.nextDouble();
            for (double b : bounds) if (Math.abs(x - b) < 0.05) x = b + (x < b ? -0.05 : 0.05);
            v[i] = (float) x;
        }
        return Tensor.of(v, shape);
    }
}
