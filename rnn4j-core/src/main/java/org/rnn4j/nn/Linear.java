package org.rnn4j.nn;

import org.rnn4j.tensor.Tensor;

/**
 * {@code y = x W^T + b}, like {@code torch.nn.Linear}: weight [out, in], bias [out], both
 * initialised U(-1/sqrt(in), 1/sqrt(in)). Input [..., in], output [..., out].
 */
public final class Linear extends Module implements UnaryModule {
    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear: in_features and out_features must be non-negative, got "
                    + inFeatures + " and " + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = inFeatures > 0 ? 1.0 / Math.sqrt(inFeatures) : 0;
        this.weight = registerParameter("weight", uniform(bound, outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", uniform(bound, outFeatures)) : null;
    }

    /** {@code in_features}. */
    public int inFeatures() {
        return inFeatures;
    }

    /** {@code out_features}. */
    public int outFeatures() {
        return outFeatures;
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x == null) throw new IllegalArgumentException("Linear: input must not be null");
        if (x.dim() == 0 || x.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear: expected input with last dimension " + inFeatures
                    + " (in_features), got shape " + java.util.Arrays.toString(x.shape()));
        }
        Tensor y = x.matmul(weight.transpose(0, 1));
        return bias == null ? y : y.add(bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
