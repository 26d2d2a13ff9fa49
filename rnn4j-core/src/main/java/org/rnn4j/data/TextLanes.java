package org.rnn4j.data;

import java.util.Arrays;
import org.rnn4j.internal.TensorAccess;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * A long token stream cut into B contiguous lanes, read in windows for truncated backpropagation
 * through time (PyTorch's word_language_model {@code batchify} / {@code get_batch}): with
 * {@code L = ⌊n / B⌋} (the last {@code n mod B} tokens dropped), lane b is
 * {@code tokens[b·L, (b+1)·L)}, and window w of a pass is
 * <pre>
 *   input[b, t]  = tokens[b·L + w·T + t],
 *   target[b, t] = tokens[b·L + w·T + t + 1],      0 ≤ t &lt; T,
 * </pre>
 * so each target is the next token of its input, and window w+1 of lane b continues exactly where
 * window w ended: the hidden state a model carries from one window to the next belongs to the
 * same lane. A pass has {@code ⌊(L - 1) / T⌋} windows (a shorter tail is not read); after the last
 * window {@link #next()} starts the next pass from the beginning, flagged by
 * {@link Window#startsPass()} (reset the carried state there). The position can be saved and
 * restored. Not thread-safe.
 */
public final class TextLanes {
    /**
     * One window of every lane.
     *
     * @param input      INT64 [B, T]
     * @param target     INT64 [B, T], the input shifted by one token
     * @param startsPass true for the first window of a pass, whose lanes start at their beginning
     */
    public record Window(Tensor input, Tensor target, boolean startsPass) {}

    /** A position: the pass (from 0) and the index in it of the next window. */
    public record State(int pass, int window) {}

    private final long[] tokens;
    private final int batchSize;
    private final int seqLen;
    private final int laneLength;
    private final int windowsPerPass;
    private int pass;
    private int window;

    /**
     * Lanes over a copy of {@code tokens}.
     *
     * @throws IllegalArgumentException if batchSize or seqLen is not positive, or the stream is
     *     shorter than {@code batchSize · (seqLen + 1)} tokens (one window per lane)
     */
    public TextLanes(long[] tokens, int batchSize, int seqLen) {
        if (tokens == null) throw new IllegalArgumentException("TextLanes: tokens must not be null");
        if (batchSize <= 0 || seqLen <= 0) {
            throw new IllegalArgumentException("TextLanes: batch size and sequence length must be positive, got "
                    + batchSize + " and " + seqLen);
        }
        long needed = (long) batchSize * (seqLen + 1L);
        if (tokens.length < needed) {
            throw new IllegalArgumentException("TextLanes: a stream of " + tokens.length + " tokens is too short for "
                    + batchSize + " lanes of one window of " + seqLen + " tokens (plus the next token as target): "
                    + "need at least " + batchSize + " * (" + seqLen + " + 1) = " + needed + " tokens, got "
                    + tokens.length);
        }
        this.tokens = tokens.clone();
        this.batchSize = batchSize;
        this.seqLen = seqLen;
        this.laneLength = tokens.length / batchSize;
        this.windowsPerPass = (laneLength - 1) / seqLen;
    }

    /** Lanes over the elements of a 1-D INT64 tensor. */
    public TextLanes(Tensor tokens, int batchSize, int seqLen) {
        this(elements(tokens), batchSize, seqLen);
    }

    private static long[] elements(Tensor tokens) {
        if (tokens == null) throw new IllegalArgumentException("TextLanes: tokens must not be null");
        if (tokens.dtype() != DType.INT64 || tokens.dim() != 1) {
            throw new IllegalArgumentException("TextLanes: expected a 1-D INT64 tensor of tokens, got "
                    + tokens.dtype() + " of shape " + Arrays.toString(tokens.shape()));
        }
        return tokens.toLongArray();
    }

    /** The next window of every lane: input and target [B, T]. */
    public Window next() {
        long[] in = new long[batchSize * seqLen];
        long[] tgt = new long[batchSize * seqLen];
        for (int b = 0; b < batchSize; b++) {
            int from = b * laneLength + window * seqLen;
            System.arraycopy(tokens, from, in, b * seqLen, seqLen);
            System.arraycopy(tokens, from + 1, tgt, b * seqLen, seqLen);
        }
        boolean starts = window == 0;
        if (++window == windowsPerPass) {
            window = 0;
            pass++;
        }
        return new Window(TensorAccess.wrapLongs(in, batchSize, seqLen), TensorAccess.wrapLongs(tgt, batchSize, seqLen),
                starts);
    }

    /** The position of the next window. */
    public State state() {
        return new State(pass, window);
    }

    /**
     * Returns to a position from {@link #state()}.
     *
     * @throws IllegalArgumentException if the pass is negative or the window outside [0, windowsPerPass())
     */
    public void restore(State state) {
        if (state == null) throw new IllegalArgumentException("TextLanes.restore: state must not be null");
        if (state.pass() < 0 || state.window() < 0 || state.window() >= windowsPerPass) {
            throw new IllegalArgumentException("TextLanes.restore: expected pass >= 0 and 0 <= window < "
                    + windowsPerPass + " (windows per pass), got pass " + state.pass() + ", window " + state.window());
        }
        pass = state.pass();
        window = state.window();
    }

    public int batchSize() {
        return batchSize;
    }

    public int seqLen() {
        return seqLen;
    }

    /** Tokens per lane, ⌊n / B⌋. */
    public int laneLength() {
        return laneLength;
    }

    /** Windows per pass, ⌊(laneLength - 1) / T⌋. */
    public int windowsPerPass() {
        return windowsPerPass;
    }
}
