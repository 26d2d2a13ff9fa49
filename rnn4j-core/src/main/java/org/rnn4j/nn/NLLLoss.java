package org.rnn4j.nn;

import java.util.Arrays;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * Negative log-likelihood, like {@code torch.nn.NLLLoss}: the input holds log-probabilities
 * ({@code [N, C]}, {@code [C]} or {@code [N, C, d1, ...]}), the target INT64 class indices
 * ({@code [N]}, {@code []}, {@code [N, d1, ...]}). One autograd node:
 * <pre>
 *   l_r = -w_t x_{r,t}    (0 where t = ignore_index)       dx_{r,t} = -s_r w_t, 0 elsewhere
 *   MEAN = Σ_r l_r / Σ_r w_t over the rows not ignored (NaN if none), SUM = Σ_r l_r
 * </pre>
 * with {@code w} the class weights (1 when absent) and {@code s_r} the row's upstream gradient.
 */
public final class NLLLoss extends Module {
    /** Immutable options; each setter returns a changed copy. */
    public record Options(Reduction reduction, long ignoreIndex, Tensor weight) {
        public Options {
            Losses.require(reduction);
            if (weight != null && (weight.dim() != 1 || weight.dtype() != DType.FLOAT32)) {
                throw new IllegalArgumentException("NLLLoss: weight must be a 1-D FLOAT32 tensor of one value per"
                        + " class, got " + weight.dtype() + " of shape " + Arrays.toString(weight.shape()));
            }
        }

        public Options reduction(Reduction v) {
            return new Options(v, ignoreIndex, weight);
        }

        public Options ignoreIndex(long v) {
            return new Options(reduction, v, weight);
        }

        /** Class weights {@code [C]}, or null for none; treated as constants (no gradient), as in PyTorch. */
        public Options weight(Tensor v) {
            return new Options(reduction, ignoreIndex, v);
        }
    }

    private static final Options DEFAULTS = new Options(Reduction.MEAN, -100, null);

    /** PyTorch's defaults: MEAN, ignore_index -100, no weights. */
    public static Options options() {
        return DEFAULTS;
    }

    private final Options options;

    public NLLLoss() {
        this(DEFAULTS);
    }

    public NLLLoss(Options options) {
        if (options == null) throw new IllegalArgumentException("NLLLoss: options must not be null");
        this.options = options;
    }

    public Reduction reduction() {
        return options.reduction();
    }

    public long ignoreIndex() {
        return options.ignoreIndex();
    }

    /** The class weights, or null. */
    public Tensor weight() {
        return options.weight();
    }

    public Tensor forward(Tensor input, Tensor target) {
        String name = "NLLLoss";
        Losses.notNull(name, input, target);
        Losses.requireFloat(name, "input", input);
        ClassLayout lay = ClassLayout.of(name, input);
        float[] w = lay.weights(name, options.weight());
        long ignore = options.ignoreIndex();
        long[] targets = lay.targets(name, target, ignore);
        Tensor xc = input.detach().contiguous();
        float[] x = TensorAccess.storage(xc);
        int xo = TensorAccess.offset(xc);
        float[] perRow = new float[lay.rows()];
        double total = 0;
        double divisor = 0;
        for (int r = 0; r < lay.rows(); r++) {
            if (targets[r] == ignore) continue;
            int t = (int) targets[r];
            double wt = w == null ? 1 : w[t];
            double loss = -wt * x[xo + lay.base(r) + t * lay.inner()];
            perRow[r] = (float) loss;
            total += loss;
            divisor += wt;
        }
        Reduction red = options.reduction();
        Tensor out = red == Reduction.NONE ? TensorAccess.wrap(perRow, lay.rowShape())
                : TensorAccess.wrap(new float[] {(float) (red == Reduction.MEAN ? total / divisor : total)});
        double div = divisor;
        int[] shape = input.shape();
        return TensorAccess.record(out, "NllLossBackward0", g -> {
            float[] gv = g.toFloatArray();
            float[] dx = new float[xc.numel()];
            for (int r = 0; r < lay.rows(); r++) {
                if (targets[r] == ignore) continue;
                int t = (int) targets[r];
                double s = CrossEntropyKernel.scale(gv, r, div, red);
                dx[lay.base(r) + t * lay.inner()] = (float) (-s * (w == null ? 1 : w[t]));
            }
            return new Tensor[] {TensorAccess.wrap(dx, shape)};
        }, input);
    }
}
