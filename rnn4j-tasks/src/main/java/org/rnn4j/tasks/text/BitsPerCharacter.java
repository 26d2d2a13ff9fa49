package org.rnn4j.tasks.text;

import java.util.Arrays;
import org.rnn4j.autograd.GradMode;
import org.rnn4j.nn.CrossEntropyLoss;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.nn.Reduction;
import org.rnn4j.tensor.Tensor;

/**
 * Bits per character of a model on a text read as one stream: from a zero state, in windows of
 * {@code seq} characters (the last one shorter if the text does not divide evenly), the state
 * carried from window to window, every character after the first predicted once:
 * <pre>
 *   bpc = −(1 / (n − 1)) · Σ_{t=1}^{n−1} log₂ p(x_t | x_0 … x_{t−1})
 *       = (mean cross-entropy in nats) / ln 2
 * </pre>
 * The model runs in eval mode (no dropout) without autograd; its mode is put back afterwards.
 * Window sums are float32 cross-entropies (as PyTorch's) added up in double.
 */
public final class BitsPerCharacter {
    private static final CrossEntropyLoss SUM = new CrossEntropyLoss(CrossEntropyLoss.options().reduction(Reduction.SUM));

    private BitsPerCharacter() {}

    /**
     * The bpc of {@code model} on {@code tokens} (indices of its vocabulary).
     *
     * @throws IllegalArgumentException if there are fewer than 2 tokens or {@code seq < 1}
     */
    public static double of(CharLanguageModel model, long[] tokens, int seq) {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("bits per character need at least 2 characters, got " + tokens.length);
        }
        if (seq < 1) throw new IllegalArgumentException("seq must be >= 1, got " + seq);
        boolean training = model.isTraining();
        model.eval();
        double nats = 0;
        try (var off = GradMode.noGrad()) {
            RecurrentState state = null;
            int predicted = tokens.length - 1;
            for (int from = 0; from < predicted; from += seq) {
                int len = Math.min(seq, predicted - from);
                Tensor x = Tensor.ofLongs(Arrays.copyOfRange(tokens, from, from + len), 1, len);
                Tensor y = Tensor.ofLongs(Arrays.copyOfRange(tokens, from + 1, from + 1 + len), len);
                CharLanguageModel.Output out = model.forward(x, state);
                nats += SUM.forward(out.logits().reshape(len, model.vocabulary().size()), y).item();
                state = out.state();
            }
            return nats / predicted / Math.log(2);
        } finally {
            model.train(training);
        }
    }
}
