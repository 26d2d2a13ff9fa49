package org.rnn4j.nn;

import org.rnn4j.internal.RandomFill;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.optim.Py;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * Inverted dropout, like {@code torch.nn.Dropout(p)}: in training mode
 * <pre>y = x ⊙ m / (1 - p),   m_i ~ Bernoulli(1 - p)</pre>
 * (each element zeroed with probability p, the rest scaled so that E[y] = x), with
 * {@code dy/dx = m / (1 - p)}; in eval mode, or with p = 0, the input itself. p = 1 zeroes
 * everything. The mask takes one {@link Generator#nextDouble()} per element, in row-major order
 * (an element is kept when u &lt; 1 - p), from the generator given or the default one; the
 * recurrent modules' dropout between layers is this same function on the default generator.
 */
public final class Dropout extends Module implements UnaryModule {
    private final double p;
    private final Generator generator;

    /** Dropout drawing from the default generator. */
    public Dropout(double p) {
        this(p, null);
    }

    /** Dropout drawing its masks from {@code generator} (null: the default generator). */
    public Dropout(double p, Generator generator) {
        checkProbability(p);
        this.p = p;
        this.generator = generator;
    }

    /** PyTorch's check and message. */
    static void checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + Py.repr(p));
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input == null) throw new IllegalArgumentException("Dropout: input must not be null");
        if (input.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("dropout(): expected a tensor of dtype FLOAT32, but got " + input.dtype());
        }
        return isTraining() ? apply(input, p, generator()) : input;
    }

    /**
     * The training-mode function: x itself for p = 0 (no draws, as PyTorch), x ⊙ 0 for p = 1 (no
     * draws), else x ⊙ (m / (1 - p)) with m drawn from {@code g}; one autograd node (a product
     * with a constant mask).
     */
    static Tensor apply(Tensor x, double p, Generator g) {
        if (p == 0 || x.numel() == 0) return x;
        if (p == 1) return x.mul(Tensor.scalar(0f));
        float[] mask = new float[x.numel()];
        RandomFill.bernoulli(g, mask, 0, mask.length, 1 - p);
        float scale = (float) (1 / (1 - p));
        for (int i = 0; i < mask.length; i++) mask[i] *= scale;
        return x.mul(TensorAccess.wrap(mask, x.shape()));
    }

    /** The probability of an element being zeroed. */
    public double p() {
        return p;
    }

    /** The generator the masks are drawn from: the one given, else the default generator. */
    public Generator generator() {
        return generator != null ? generator : Generator.defaultGenerator();
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.repr(p) + ", inplace=False";
    }
}
