package org.rnn4j.tasks.text;

import java.util.Arrays;
import org.rnn4j.data.CharVocabulary;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.Dropout;
import org.rnn4j.nn.Embedding;
import org.rnn4j.nn.Linear;
import org.rnn4j.nn.Module;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.nn.RecurrentResult;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.optim.Py;
import org.rnn4j.tensor.DType;
import org.rnn4j.tensor.Tensor;

/**
 * A character-level language model (char-rnn; PyTorch's word_language_model on characters): each
 * character x_t, an index of the model's {@link CharVocabulary} of V characters, is embedded, read
 * by a batch-first recurrent stack of L layers (dropout p between layers), and mapped to the
 * logits of the next character:
 * <pre>
 *   e_t = E[x_t]                                   E [V, embed]
 *   h_t, s_t = stack(e_t, s_{t-1})                 s: the carried state (h, and c for LSTM)
 *   z_t = W · dropout_p(h_t) + b                   W [V, hidden], b [V]
 *   p(x_{t+1} = v | x_≤t) = softmax(z_t)_v
 * </pre>
 * Parameters: {@code embedding.weight}, {@code rnn.*} (PyTorch's names: {@code weight_ih_l0}, ...),
 * {@code head.weight}, {@code head.bias}. Dropout draws from the default generator, as the stack's
 * does. A model file ({@code org.rnn4j.io.Models}) holds the vocabulary with the architecture, so
 * {@code Models.load} rebuilds the model alone ({@link CharLanguageModelCodec}).
 */
public final class CharLanguageModel extends Module {
    /**
     * One forward: the logits and the state after the last character.
     *
     * @param logits [B, T, V]
     */
    public record Output(Tensor logits, RecurrentState state) {}

    private final CharVocabulary vocabulary;
    private final int embed;
    private final double dropout;
    private final Embedding embedding;
    private final Recurrent rnn;
    private final Dropout drop;
    private final Linear head;

    /**
     * A model over {@code vocabulary}, its weights drawn from the default generator.
     *
     * @throws IllegalArgumentException for an empty vocabulary, a size below 1, or a dropout
     *     outside [0, 1]
     */
    public CharLanguageModel(CharVocabulary vocabulary, CellType cell, int embed, int hidden, int layers,
                             double dropout) {
        if (vocabulary == null || vocabulary.size() == 0) {
            throw new IllegalArgumentException("CharLanguageModel: the vocabulary must hold at least one character");
        }
        if (cell == null) throw new IllegalArgumentException("CharLanguageModel: cell must not be null");
        if (embed < 1) throw new IllegalArgumentException("CharLanguageModel: embed must be >= 1, got " + embed);
        this.vocabulary = vocabulary;
        this.embed = embed;
        this.dropout = dropout;
        this.embedding = registerModule("embedding", new Embedding(vocabulary.size(), embed));
        this.rnn = Recurrent.of(RecurrentConfig.of(cell, embed, hidden).numLayers(layers).dropout(dropout)
                .batchFirst(true));
        registerModule("rnn", rnn.module());
        this.drop = registerModule("drop", new Dropout(dropout));
        this.head = registerModule("head", new Linear(hidden, vocabulary.size()));
    }

    /** The model {@code options} describe, over {@code vocabulary}. */
    public static CharLanguageModel of(CharVocabulary vocabulary, TextOptions options) {
        return new CharLanguageModel(vocabulary, options.cell(), options.embed(), options.hidden(), options.layers(),
                options.dropout());
    }

    /**
     * The logits of the next character after each of {@code input} [B, T] (INT64 indices), from
     * {@code state} (null: zeros), and the state after the last step.
     */
    public Output forward(Tensor input, RecurrentState state) {
        if (input == null || input.dtype() != DType.INT64 || input.dim() != 2) {
            throw new IllegalArgumentException("CharLanguageModel: expected INT64 indices [B, T], got "
                    + (input == null ? "null" : input.dtype() + " " + Arrays.toString(input.shape())));
        }
        RecurrentResult r = rnn.run(embedding.forward(input), state);
        return new Output(head.forward(drop.forward(r.output())), r.state());
    }

    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /** The character embedding E (child {@code embedding}), as exporters read it. */
    public Embedding embedding() {
        return embedding;
    }

    /** The batch-first recurrent stack (child {@code rnn}). */
    public Recurrent rnn() {
        return rnn;
    }

    /** The output layer W, b to the vocabulary's logits (child {@code head}). */
    public Linear head() {
        return head;
    }

    public RecurrentConfig config() {
        return rnn.config();
    }

    /** The size of a character's embedding. */
    public int embed() {
        return embed;
    }

    public double dropout() {
        return dropout;
    }

    @Override
    protected String extraRepr() {
        return "vocab_size=" + vocabulary.size() + ", dropout=" + Py.repr(dropout);
    }
}
