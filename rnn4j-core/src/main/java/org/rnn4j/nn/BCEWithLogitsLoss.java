package org.rnn4j.nn;

import java.util.Arrays;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * Binary cross-entropy on logits, like {@code torch.nn.BCEWithLogitsLoss}, in PyTorch's stable
 * form (no sigmoid is taken and then logged). With logit x, target y in [0, 1], positive-class
 * weight p ({@code posWeight}, broadcast along the last dimension; 1 when absent) and element
 * weight w ({@code weight}; 1 when absent):
 * <pre>
 *   l  = w [(1 - y) x + (1 + (p - 1) y) softplus(-x)],   softplus(-x) = max(-x, 0) + log1p(e^-|x|)
 *   dl/dx = w [(1 + (p - 1) y) σ(x) - p y]
 *   dl/dy = w [(p - 1) softplus(-x) - x]
 * </pre>
 * one autograd node for the elements, then the {@link Reduction} (MEAN over all elements). Input
 * and target have one shape; weight and posWeight are constants (no gradient), as in PyTorch.
 */
public final class BCEWithLogitsLoss extends Module {
    /** Immutable options; each setter returns a changed copy. */
    public record Options(Reduction reduction, Tensor weight, Tensor posWeight) {
        public Options {
            Losses.require(reduction);
            if (weight != null) Losses.requireFloat("BCEWithLogitsLoss", "weight", weight);
            if (posWeight != null) Losses.requireFloat("BCEWithLogitsLoss", "pos_weight", posWeight);
        }

        public Options reduction(Reduction v) {
            return new Options(v, weight, posWeight);
        }

        /** A rescaling of each element's loss, broadcastable to the input; null for none. */
        public Options weight(Tensor v) {
            return new Options(reduction, v, posWeight);
        }

        /** The weight of positive examples, broadcastable to the input (usually {@code [classes]}); null for none. */
        public Options posWeight(Tensor v) {
            return new Options(reduction, weight, v);
        }
    }

    private static final Options DEFAULTS = new Options(Reduction.MEAN, null, null);

    /** PyTorch's defaults: MEAN, no weight, no pos_weight. */
    public static Options options() {
        return DEFAULTS;
    }

    private final Options options;

    public BCEWithLogitsLoss() {
        this(DEFAULTS);
    }

    public BCEWithLogitsLoss(Options options) {
        if (options == null) throw new IllegalArgumentException("BCEWithLogitsLoss: options must not be null");
        this.options = options;
    }

    public Reduction reduction() {
        return options.reduction();
    }

    /** The element weights, or null. */
    public Tensor weight() {
        return options.weight();
    }

    /** The positive-class weights, or null. */
    public Tensor posWeight() {
        return options.posWeight();
    }

    public Tensor forward(Tensor input, Tensor target) {
        String name = "BCEWithLogitsLoss";
        Losses.notNull(name, input, target);
        Losses.requireFloat(name, "input", input);
        Losses.requireFloat(name, "target", target);
        int[] shape = input.shape();
        if (!Arrays.equals(shape, target.shape())) {
            throw new IllegalArgumentException(name + ": Target size (" + Arrays.toString(target.shape())
                    + ") must be the same as input size (" + Arrays.toString(shape) + ")");
        }
        float[] x = input.toFloatArray();
        float[] y = target.toFloatArray();
        float[] w = expanded(name, "weight", options.weight(), shape);
        float[] p = expanded(name, "pos_weight", options.posWeight(), shape);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double lw = p == null ? 1 : 1 + (p[i] - 1.0) * y[i];
            double l = (1.0 - y[i]) * x[i] + lw * softplusNeg(x[i]);
            out[i] = (float) (w == null ? l : w[i] * l);
        }
        Tensor perElement = TensorAccess.record(TensorAccess.wrap(out, shape), "BinaryCrossEntropyWithLogitsBackward0",
                g -> {
                    float[] gv = g.toFloatArray();
                    float[] dx = new float[x.length];
                    float[] dy = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        double pw = p == null ? 1 : p[i];
                        double s = w == null ? gv[i] : (double) gv[i] * w[i];
                        double sig = 1 / (1 + Math.exp(-x[i]));
                        dx[i] = (float) (s * ((1 + (pw - 1) * y[i]) * sig - pw * y[i]));
                        dy[i] = (float) (s * ((pw - 1) * softplusNeg(x[i]) - x[i]));
                    }
                    return new Tensor[] {input.requiresGrad() ? TensorAccess.wrap(dx, shape) : null,
                        target.requiresGrad() ? TensorAccess.wrap(dy, shape) : null};
                }, input, target);
        return Losses.reduce(perElement, options.reduction());
    }

    /** log(1 + e^-x) without overflow: max(-x, 0) + log1p(e^-|x|). */
    private static double softplusNeg(double x) {
        return Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** t broadcast to shape as a row-major array (null stays null), with PyTorch's broadcasting message. */
    private static float[] expanded(String loss, String what, Tensor t, int[] shape) {
        if (t == null) return null;
        try {
            return t.detach().expandTo(shape).toFloatArray();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(loss + ": " + what + " of shape " + Arrays.toString(t.shape())
                    + " does not broadcast to the input's shape " + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }
}
