package org.rnn4j.nn;

import java.util.Arrays;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * Cross-entropy between logits and targets, like {@code torch.nn.CrossEntropyLoss}:
 * log-softmax over the classes (dimension 1, or 0 for an unbatched {@code [C]} input) followed by
 * the negative log-likelihood, computed as one fused node ({@link CrossEntropyKernel}, which has
 * the equations). Input {@code [N, C]}, {@code [C]} or {@code [N, C, d1, ...]}; the target is
 * either INT64 class indices shaped like the input without the class dimension ({@code [N]},
 * {@code []}, {@code [N, d1, ...]}), or FLOAT32 class probabilities shaped like the input.
 *
 * <p>Options as PyTorch: {@code reduction} (MEAN), {@code ignoreIndex} (-100: targets equal to it
 * contribute nothing and do not count in the mean), {@code labelSmoothing} (0, in [0, 1]: the
 * target mixed with the uniform distribution), {@code weight} (a {@code [C]} rescaling per class;
 * with class indices MEAN divides by the sum of the weights of the targets not ignored).
 * MEAN and SUM return 0-dim tensors, NONE one loss per target position.
 */
public final class CrossEntropyLoss extends Module {
    /** Immutable options; each setter returns a changed copy. */
    public record Options(Reduction reduction, long ignoreIndex, double labelSmoothing, Tensor weight) {
        public Options {
            Losses.require(reduction);
            if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
                throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: "
                        + labelSmoothing);
            }
            if (weight != null && (weight.dim() != 1 || weight.dtype() != DType.FLOAT32)) {
                throw new IllegalArgumentException("CrossEntropyLoss: weight must be a 1-D FLOAT32 tensor of one"
                        + " value per class, got " + weight.dtype() + " of shape " + Arrays.toString(weight.shape()));
            }
        }

        public Options reduction(Reduction v) {
            return new Options(v, ignoreIndex, labelSmoothing, weight);
        }

        public Options ignoreIndex(long v) {
            return new Options(reduction, v, labelSmoothing, weight);
        }

        public Options labelSmoothing(double v) {
            return new Options(reduction, ignoreIndex, v, weight);
        }

        /** Class weights {@code [C]}, or null for none; treated as constants (no gradient), as in PyTorch. */
        public Options weight(Tensor v) {
            return new Options(reduction, ignoreIndex, labelSmoothing, v);
        }
    }

    private static final Options DEFAULTS = new Options(Reduction.MEAN, -100, 0.0, null);

    /** PyTorch's defaults: MEAN, ignore_index -100, no label smoothing, no weights. */
    public static Options options() {
        return DEFAULTS;
    }

    private final Options options;

    public CrossEntropyLoss() {
        this(DEFAULTS);
    }

    public CrossEntropyLoss(Options options) {
        if (options == null) throw new IllegalArgumentException("CrossEntropyLoss: options must not be null");
        this.options = options;
    }

    public Reduction reduction() {
        return options.reduction();
    }

    public long ignoreIndex() {
        return options.ignoreIndex();
    }

    public double labelSmoothing() {
        return options.labelSmoothing();
    }

    /** The class weights, or null. */
    public Tensor weight() {
        return options.weight();
    }

    public Tensor forward(Tensor input, Tensor target) {
        String name = "CrossEntropyLoss";
        Losses.notNull(name, input, target);
        Losses.requireFloat(name, "input", input);
        ClassLayout layout = ClassLayout.of(name, input);
        CrossEntropyKernel.Spec spec = new CrossEntropyKernel.Spec(layout, layout.weights(name, options.weight()),
                options.reduction(), options.labelSmoothing());
        if (Arrays.equals(input.shape(), target.shape())) {
            if (target.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException(name + ": Expected floating point type for target with class"
                        + " probabilities, got Long: a target shaped like the input " + Arrays.toString(input.shape())
                        + " holds probabilities; class indices have shape " + Arrays.toString(layout.rowShape()));
            }
            if (options.ignoreIndex() >= 0) {
                throw new IllegalArgumentException(name + ": ignore_index is not supported for floating point target"
                        + " (class probabilities), got ignore_index " + options.ignoreIndex());
            }
            return CrossEntropyKernel.probabilities(input, target, spec);
        }
        long[] targets = layout.targets(name, target, options.ignoreIndex());
        return CrossEntropyKernel.classIndices(input, targets, options.ignoreIndex(), spec);
    }
}
