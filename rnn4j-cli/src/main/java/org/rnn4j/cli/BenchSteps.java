package org.rnn4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.MSELoss;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RnnUtils;
import org.rnn4j.optim.Adam;
import org.rnn4j.tensor.Tensor;

/**
 * The steps {@code rnn4j bench} times, on a fixed random input [T, B, I] (and target [T, B, 1]):
 * <ul>
 * <li><b>dense</b>: every sequence T steps long;
 * <li><b>packed</b> ({@code --lengths uniform}): sequence b has lengths[b] steps, packed in the step
 *     ({@link RnnUtils#packPaddedSequence}, unsorted), the head and the MSE over the packed
 *     output;
 * <li><b>padded</b> ({@code --lengths uniform --padded}): the same batch as it runs without
 *     packing: all T steps of every sequence, the loss masked to each one's own steps.
 * </ul>
 * A training step is forward + MSE of a Linear(D*H, 1) head at every step + backward + Adam; an
 * inference step is the forward alone, in eval mode, without autograd.
 */
final class BenchSteps {
    /** One benchmarked step. */
    interface Step {
        void run();
    }

    private BenchSteps() {}

    /**
     * Lengths uniform in [ceil(T/2), T] drawn by java.util.Random(seed).nextInt, in batch order
     * (bench/pytorch_bench.py draws the same ones with the same algorithm).
     */
    static int[] uniformLengths(int steps, int batch, long seed) {
        Random r = new Random(seed);
        int lo = Math.max(1, (steps + 1) / 2);
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) lengths[b] = lo + r.nextInt(steps - lo + 1);
        return lengths;
    }

    /**
     * @param shape   {T, B, I}; the head, x and the target are drawn in this order after the model
     * @param lengths null for the dense batch
     */
    static Step train(Recurrent model, int outSize, int[] shape, int[] lengths, boolean padded) {
        Linear head = new Linear(outSize, 1);
        List<Tensor> params = new ArrayList<>(model.parameters());
        params.addAll(head.parameters());
        Adam adam = new Adam(params, 1e-3);
        MSELoss mse = new MSELoss();
        Tensor x = Tensor.randn(shape);
        Tensor target = Tensor.randn(shape[0], shape[1], 1);
        if (lengths == null) {
            return () -> {
                adam.zeroGrad();
                mse.forward(head.forward(model.run(x).output()), target).backward();
                adam.step();
            };
        }
        if (padded) {
            Tensor mask = mask(x.size(0), lengths);
            Tensor maskedTarget = target.mul(mask);
            return () -> {
                adam.zeroGrad();
                mse.forward(head.forward(model.run(x).output()).mul(mask), maskedTarget).backward();
                adam.step();
            };
        }
        Tensor packedTarget = RnnUtils.packPaddedSequence(target, lengths, false, false).data();
        return () -> {
            adam.zeroGrad();
            Tensor out = model.run(RnnUtils.packPaddedSequence(x, lengths, false, false)).output().data();
            mse.forward(head.forward(out), packedTarget).backward();
            adam.step();
        };
    }

    /** @param lengths null for the dense batch (and for the padded one, which runs as it) */
    static Step infer(Recurrent model, int[] shape, int[] lengths) {
        model.eval();
        Tensor x = Tensor.randn(shape);
        return () -> {
            try (var off = GradMode.noGrad()) {
                if (lengths == null) model.run(x);
                else model.run(RnnUtils.packPaddedSequence(x, lengths, false, false));
            }
        };
    }

    /** [T, B, 1]: 1 at the steps of each sequence, 0 in its padding. */
    static Tensor mask(int steps, int[] lengths) {
        float[] m = new float[steps * lengths.length];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < lengths.length; b++) m[t * lengths.length + b] = t < lengths[b] ? 1f : 0f;
        }
        return Tensor.of(m, steps, lengths.length, 1);
    }
}
