package org.rnn4j.nn;

import java.util.Arrays;
import java.util.OptionalInt;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.internal.autograd.GradArena;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * A lookup table, like {@code torch.nn.Embedding}: {@code y[i..., :] = W[idx[i...], :]} for an
 * INT64 index tensor of any shape, so the output has the index shape plus {@code [embedding_dim]}.
 * Parameter {@code weight} [num_embeddings, embedding_dim], initialised N(0, 1) from the default
 * generator.
 *
 * <p>Backward scatter-adds the output gradient into the rows it came from,
 * {@code dW[r, :] = Σ_{i: idx[i] = r} dy[i, :]} (a row looked up twice receives both gradients),
 * without a one-hot matrix. With {@code paddingIdx} that row starts at zero (unless the weight is
 * pretrained) and never receives a gradient, so it stays what it was.
 */
public final class Embedding extends Module implements UnaryModule {
    /**
     * Immutable options; each setter returns a changed copy.
     *
     * @param paddingIdx PyTorch's {@code padding_idx}: empty for none; a negative value counts from
     *     the end ({@code -1} is the last row)
     */
    public record Options(OptionalInt paddingIdx) {
        public Options {
            if (paddingIdx == null) throw new IllegalArgumentException("paddingIdx must not be null (use OptionalInt.empty())");
        }

        public Options paddingIdx(int v) {
            return new Options(OptionalInt.of(v));
        }
    }

    /** PyTorch's defaults: no padding index. */
    public static Options options() {
        return new Options(OptionalInt.empty());
    }

    private final int numEmbeddings;
    private final int embeddingDim;
    private final int paddingIdx; // normalised to [0, num); -1 for none
    private final Tensor weight;

    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, options());
    }

    public Embedding(int numEmbeddings, int embeddingDim, Options options) {
        this(numEmbeddings, embeddingDim, options, null);
    }

    private Embedding(int numEmbeddings, int embeddingDim, Options options, Tensor pretrained) {
        if (options == null) throw new IllegalArgumentException("options must not be null");
        if (numEmbeddings < 0 || embeddingDim < 0) {
            throw new IllegalArgumentException("Trying to create tensor with negative dimension: [" + numEmbeddings
                    + ", " + embeddingDim + "] (num_embeddings, embedding_dim)");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = normalisePaddingIdx(options.paddingIdx(), numEmbeddings);
        Tensor w = pretrained != null ? pretrained : Tensor.randn(numEmbeddings, embeddingDim);
        if (pretrained == null && paddingIdx >= 0) {
            // PyTorch's _fill_padding_idx_with_zero; a pretrained weight keeps its padding row.
            Arrays.fill(TensorAccess.storage(w), paddingIdx * embeddingDim, (paddingIdx + 1) * embeddingDim, 0f);
        }
        this.weight = registerParameter("weight", w);
    }

    /**
     * An Embedding whose weight is {@code weight} [num_embeddings, embedding_dim], like
     * {@code Embedding.from_pretrained}: the parameter shares the tensor's storage (a contiguous
     * copy if it is not contiguous) and, with {@code freeze}, does not require grad.
     */
    public static Embedding fromPretrained(Tensor weight, boolean freeze) {
        return fromPretrained(weight, freeze, options());
    }

    /** {@link #fromPretrained(Tensor, boolean)} with a padding index; the padding row is not zeroed. */
    public static Embedding fromPretrained(Tensor weight, boolean freeze, Options options) {
        if (weight == null) throw new IllegalArgumentException("Embedding.fromPretrained: embeddings must not be null");
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("Embeddings parameter is expected to be 2-dimensional, got shape "
                    + Arrays.toString(weight.shape()));
        }
        if (weight.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("Embedding.fromPretrained: expected embeddings of dtype FLOAT32, but got "
                    + weight.dtype());
        }
        Embedding e = new Embedding(weight.size(0), weight.size(1), options, weight.detach().contiguous());
        e.weight.requiresGrad(!freeze);
        return e;
    }

    private static int normalisePaddingIdx(OptionalInt given, int num) {
        if (given.isEmpty()) return -1;
        int p = given.getAsInt();
        if (p >= num || p < -num) {
            throw new IllegalArgumentException("Padding_idx must be within num_embeddings: expected " + -num
                    + " <= padding_idx < " + num + ", got " + p);
        }
        return p < 0 ? num + p : p;
    }

    /**
     * The rows of {@code weight} at {@code indices} (INT64, any shape): shape {@code indices.shape()
     * + [embedding_dim]}. One autograd node.
     *
     * @throws IllegalArgumentException if indices is not INT64, or an index is outside
     *     [0, num_embeddings) (then nothing is computed)
     */
    @Override
    public Tensor forward(Tensor indices) {
        if (indices == null) throw new IllegalArgumentException("Embedding: indices must not be null");
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("Embedding: expected indices of dtype INT64 (torch.long), but got "
                    + indices.dtype());
        }
        long[] idx = indices.toLongArray();
        int[] rows = checkedRows(idx, indices.shape());
        int dim = embeddingDim;
        float[] w = TensorAccess.storage(weight);
        int wOff = TensorAccess.offset(weight);
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) System.arraycopy(w, wOff + rows[i] * dim, out, i * dim, dim);
        int[] shape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = dim;
        Tensor y = TensorAccess.wrap(out, shape);
        return TensorAccess.record(y, "EmbeddingBackward0", g -> new Tensor[] {scatterAdd(g, rows)}, weight);
    }

    /** The indices as row numbers, all checked before anything is computed. */
    private int[] checkedRows(long[] idx, int[] shape) {
        int[] rows = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            long v = idx[i];
            if (v < 0 || v >= numEmbeddings) {
                throw new IllegalArgumentException("Embedding: index out of range in self: index " + v + " at "
                        + position(i, shape) + " is not in [0, " + numEmbeddings + ") (num_embeddings="
                        + numEmbeddings + ")");
            }
            rows[i] = (int) v;
        }
        return rows;
    }

    private static String position(int flat, int[] shape) {
        int[] at = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = flat % shape[d];
            flat /= shape[d];
        }
        return "position " + Arrays.toString(at);
    }

    /** dW [num, dim]: each row of dy [n, dim] added into the row it was read from; the padding row gets none. */
    private Tensor scatterAdd(Tensor g, int[] rows) {
        int dim = embeddingDim;
        float[] gs;
        int gOff;
        if (g.isContiguous()) {
            gs = TensorAccess.storage(g);
            gOff = TensorAccess.offset(g);
        } else { // a batch-first LSTM's input gradient is a transposed view: copy it into scratch of the pass
            gs = GradArena.copyOf(g);
            gOff = 0;
        }
        float[] dw = GradArena.takeZeroed(numEmbeddings * dim);
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r == paddingIdx) continue;
            int src = gOff + i * dim;
            int dst = r * dim;
            for (int j = 0; j < dim; j++) dw[dst + j] += gs[src + j];
        }
        return TensorAccess.wrap(dw, numEmbeddings, dim);
    }

    public int numEmbeddings() {
        return numEmbeddings;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    /** The padding row, normalised to [0, num_embeddings) as PyTorch stores it; empty for none. */
    public OptionalInt paddingIdx() {
        return paddingIdx < 0 ? OptionalInt.empty() : OptionalInt.of(paddingIdx);
    }

    /** The options this module was built with (the padding index normalised), to rebuild it. */
    public Options config() {
        return new Options(paddingIdx());
    }

    public Tensor weight() {
        return weight;
    }

    /**
     * Whether the weight is frozen: it does not require grad, as {@code fromPretrained(w, true)}
     * makes it (or {@code weight().requiresGrad(false)} later), so optimizers and backward leave it.
     */
    public boolean frozen() {
        return !weight.requiresGrad();
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx >= 0 ? ", padding_idx=" + paddingIdx : "");
    }
}
