package org.rnn4j.tasks.text;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.rnn4j.data.CharVocabulary;
import org.rnn4j.tensor.Generator;

/**
 * Draws text from a {@link CharLanguageModel}, one character at a time. The prompt is read first
 * to warm the state (an empty prompt: a newline if the vocabulary has one, else its first
 * character, read but not part of the output); then each character is drawn from
 * <pre>
 *   p(v) ∝ exp(z_v / τ)   for the k largest logits z_v (all of them when k = 0), else 0
 * </pre>
 * (τ = temperature; logits tied with the k-th largest are kept too) by inverting the cumulative
 * distribution at one {@link Generator#nextDouble()}, and fed back. The same model, options and
 * seed give the same text, whatever the machine's load (the kernels that run before and after the
 * JIT compiler has the fast ones ready give the same bits).
 *
 * <p>The prompt and the drawn characters both go through a {@link CharStepper}, one character at a
 * time, as the model runs in eval mode (no dropout); the model itself is not changed.
 */
public final class Sampler {
    /**
     * @param prompt      the text that warms the state (may be empty)
     * @param length      characters to draw after the prompt
     * @param temperature τ &gt; 0: below 1 sharper, above 1 flatter
     * @param topK        draw among the k most likely characters only (0: all)
     * @param seed        seeds the draws
     */
    public record Options(String prompt, int length, double temperature, int topK, long seed) {
        public Options {
            if (prompt == null) throw new IllegalArgumentException("prompt must not be null");
            if (length < 0) throw new IllegalArgumentException("length must be >= 0, got " + length);
            if (!(temperature > 0) || !Double.isFinite(temperature)) {
                throw new IllegalArgumentException("temperature must be a finite number > 0, got " + temperature);
            }
            if (topK < 0) throw new IllegalArgumentException("top_k must be >= 0 (0: off), got " + topK);
        }
    }

    private Sampler() {}

    /**
     * Starts getting the sampler's code compiled, on a background thread that samples from small
     * made-up models, and returns at once. {@link #sample} does this itself; calling it earlier
     * (before loading the model, say) lets the JIT compiler work while the caller reads the file,
     * so that sampling starts on compiled code sooner. It draws nothing from the default
     * generator. Idempotent; nothing to do without the Vector API.
     */
    public static void warmUp() {
        VectorWarmUp.start();
    }

    /**
     * Draws {@code options.length()} characters after the prompt, handing each code point to
     * {@code out} as it is drawn; returns the drawn text (without the prompt).
     *
     * @throws IllegalArgumentException listing the prompt's characters that are not in the vocabulary
     */
    public static String sample(CharLanguageModel model, Options options, IntConsumer out) {
        model.vocabulary().encodeToArray(options.prompt()); // an unknown character fails before the stepper is built
        try (CharStepper stepper = new CharStepper(model, null)) {
            return sample(stepper, model.vocabulary(), options, out);
        }
    }

    /**
     * As above, through {@code stepper} (at its start state). {@link VectorWarmUp} runs this same
     * method on small made-up models, so that the code the JIT compiles for it is the code that
     * samples.
     */
    static String sample(CharStepper stepper, CharVocabulary vocabulary, Options options, IntConsumer out) {
        long[] prompt = options.prompt().isEmpty() ? new long[] {Math.max(0, vocabulary.indexOf('\n'))}
                : vocabulary.encodeToArray(options.prompt());
        Generator generator = new Generator(options.seed());
        StringBuilder drawn = new StringBuilder();
        float[] logits = null;
        for (long c : prompt) logits = stepper.step((int) c); // the prompt warms the state
        double[] p = new double[vocabulary.size()];
        for (int i = 0; i < options.length(); i++) {
            int next = draw(logits, options.temperature(), options.topK(), generator.nextDouble(), p);
            int cp = vocabulary.codePointAt(next);
            drawn.appendCodePoint(cp);
            out.accept(cp);
            if (i + 1 < options.length()) logits = stepper.step(next); // the last character need not be read
        }
        return drawn.toString();
    }

    /**
     * The index that {@code u} ∈ [0, 1) picks from the tempered, top-k-truncated softmax of
     * {@code logits}; {@code p} is scratch space of the same length.
     */
    static int draw(float[] logits, double temperature, int topK, double u, double[] p) {
        int v = logits.length;
        double threshold = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < v) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            threshold = sorted[v - topK];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) max = Math.max(max, z);
        double sum = 0;
        for (int i = 0; i < v; i++) {
            p[i] = logits[i] >= threshold ? Math.exp((logits[i] - max) / temperature) : 0;
            sum += p[i];
        }
        double target = u * sum;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < v; i++) {
            if (p[i] == 0) continue;
            cumulative += p[i];
            last = i;
            if (target < cumulative) return i;
        }
        return last; // rounding: u·sum at or past the total lands on the last kept character
    }
}
