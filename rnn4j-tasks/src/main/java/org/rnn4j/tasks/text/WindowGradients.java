package org.rnn4j.tasks.text;

import java.util.Arrays;
import org.rnn4j.data.TextLanes;
import org.rnn4j.nn.CrossEntropyLoss;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tensor.Tensor;

/**
 * Where the loss and gradient of one window of every lane are computed: in this JVM
 * ({@link #local()}, what {@link TextTrainer#start(TextCorpus, TextOptions)} uses), or on a
 * cluster (rnn4j-spark splits the B lanes across tasks, each computing {@link #share} of its lanes
 * from their carried state, and sums the gradients). {@link TextTrainer} calls {@link #compute}
 * between the optimizer's {@code zeroGrad()} and the gradient clip and Adam step, which stay with
 * the trainer, as do the carried state between windows and its reset at a new pass.
 *
 * <p>The shares of a partition of the lanes add up to the window's loss: with b of the B lanes,
 * <pre>
 *   share = (1 / (b·T)) Σ_{its b lanes, t} −log softmax(z_{b,t})[y_{b,t}] · (b / B)
 *   Σ over the parts of the lanes = (1 / (B·T)) Σ_{all lanes, t} ... = the window's mean loss,
 * </pre>
 * and so do their gradients; each lane's state after the window depends only on that lane's
 * characters and state, so the parts' states, put side by side, are the window's.
 */
public interface WindowGradients extends AutoCloseable {
    /**
     * A window's outcome.
     *
     * @param loss  the window's mean cross-entropy in nats (when it is not finite, the gradient and
     *              state need not have been computed: the trainer stops)
     * @param state the state after the window, detached ([L, B, H]; c for LSTM)
     */
    record Result(float loss, RecurrentState state) {}

    /**
     * The forward of some lanes and their share of a window's loss.
     *
     * @param loss  the share, a scalar still in the graph (call {@code backward()} on it)
     * @param state the lanes' state after the window, detached
     */
    record Share(Tensor loss, RecurrentState state) {}

    /**
     * The loss of window {@code w} (every lane), from {@code state} (null: zeros), with its gradient
     * left in the {@code grad} of each of {@code model}'s parameters (zero or null before).
     *
     * @param step the 1-based number of the training step the window belongs to
     */
    Result compute(CharLanguageModel model, TextLanes.Window w, RecurrentState state, int step);

    /** Releases what the computation holds (a cluster's broadcasts); nothing by default. */
    @Override
    default void close() {}

    /** The window's forward and backward in this JVM, on the whole batch. */
    static WindowGradients local() {
        return (model, w, state, step) -> {
            Share s = share(model, w.input(), w.target(), state, w.input().shape()[0]);
            float value = s.loss().item();
            if (!Float.isFinite(value)) return new Result(value, null); // the trainer stops: no backward
            s.loss().backward();
            return new Result(value, s.state());
        };
    }

    /**
     * The share of b lanes of a window of {@code batch} lanes: their forward from {@code state}
     * (null: zeros) and their mean cross-entropy times b/B. For b = B it is the window's mean loss,
     * computed exactly as single-JVM training computes it.
     *
     * @param input  INT64 [b, T]
     * @param target INT64 [b, T]
     * @param state  [L, b, H] (c too for LSTM), or null
     * @param batch  B, the lanes of the whole window
     * @throws IllegalArgumentException if input and target differ in shape, or b is not in [1, B]
     */
    static Share share(CharLanguageModel model, Tensor input, Tensor target, RecurrentState state, int batch) {
        if (input == null || target == null || !Arrays.equals(input.shape(), target.shape()) || input.dim() != 2) {
            throw new IllegalArgumentException("WindowGradients.share: expected input and target of one shape [b, T],"
                    + " got " + (input == null ? "null" : Arrays.toString(input.shape())) + " and "
                    + (target == null ? "null" : Arrays.toString(target.shape())));
        }
        int lanes = input.shape()[0];
        if (lanes < 1 || lanes > batch) {
            throw new IllegalArgumentException("WindowGradients.share: expected 1 to batch = " + batch + " lanes, got "
                    + lanes);
        }
        CharLanguageModel.Output out = model.forward(input, state);
        int rows = lanes * input.shape()[1];
        Tensor loss = new CrossEntropyLoss().forward(out.logits().reshape(rows, model.vocabulary().size()),
                target.reshape(rows));
        // b/B in float: exactly 1 for the whole window, so that one part is single-JVM training bit for bit
        if (lanes != batch) loss = loss.mul(Tensor.scalar((float) lanes / batch));
        return new Share(loss, out.state().detach());
    }
}
