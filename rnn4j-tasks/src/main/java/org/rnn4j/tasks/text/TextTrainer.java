package org.rnn4j.tasks.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rnn4j.data.TextLanes;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.Clip;
import org.rnn4j.optim.lr.CosineAnnealingLR;
import org.rnn4j.optim.lr.LRScheduler;
import org.rnn4j.optim.lr.OneCycleLR;
import org.rnn4j.tensor.Tensor;

/**
 * Trains a {@link CharLanguageModel} by truncated backpropagation through time, for any front end
 * (the CLI, a Spark driver, user code). The training part of the corpus is cut into B contiguous
 * lanes ({@link TextLanes}); step s reads the next T characters of every lane, predicts each
 * next character, and backpropagates through those T steps only:
 * <pre>
 *   loss_s = mean over b, t of −log softmax(z_{b,t})[y_{b,t}]       (cross-entropy, nats)
 *   g ← clip(∇loss_s, max norm)   θ ← Adam(θ, g, lr_s)   lr_{s+1} ← schedule(s)
 * </pre>
 * The state after a window is carried, detached, into the next window of the same lanes; when the
 * lanes are used up (a pass ends, the tail shorter than T unread) they start again from their
 * beginning with a zero state. Initial weights and dropout masks come from the default generator,
 * seeded with the run's seed. Each window's loss and gradient come from a {@link WindowGradients}:
 * this JVM's by default, or a cluster's (rnn4j-spark), while the state, the clip, Adam, the
 * schedule, validation and checkpoints stay here.
 *
 * <p>{@link #run} adds validation (bpc on the held-out part, {@link BitsPerCharacter}) every
 * {@code evalEvery} steps and at the end, and checkpoints ({@link TextCheckpoint}) every
 * {@code checkpointEvery} steps and at the end. A run resumed from a checkpoint ({@link #resume})
 * ends with the same weights and measures, bit for bit, as a run that never stopped. Not thread-safe.
 */
public final class TextTrainer {
    private final TextCorpus corpus;
    private final TextOptions options;
    private final CharLanguageModel model;
    private final List<Tensor> params;
    private final Adam adam;
    private final LRScheduler scheduler; // null: constant
    private final TextLanes lanes;
    private final WindowGradients gradients;
    private TrainingHistory history = new TrainingHistory();
    private RecurrentState state; // carried between windows; null: zeros
    private int step;
    private long stepNanos; // spent in steps by this process, for characters per second
    private int stepsHere;

    private TextTrainer(TextCorpus corpus, TextOptions options, WindowGradients gradients) throws TextFormatException {
        if (gradients == null) throw new IllegalArgumentException("TextTrainer: gradients must not be null");
        long needed = (long) options.batch() * (options.seq() + 1L);
        if (corpus.trainSize() < needed) {
            throw new TextFormatException(corpus.source(), "the training part (the first 90%) has " + corpus.trainSize()
                    + " characters, too few for " + options.batch() + " lanes of one window of " + options.seq()
                    + " characters: --batch " + options.batch() + " and --seq " + options.seq() + " need at least "
                    + options.batch() + " * (" + options.seq() + " + 1) = " + needed);
        }
        this.corpus = corpus;
        this.options = options;
        Tensor.manualSeed(options.seed());
        this.model = CharLanguageModel.of(corpus.vocabulary(), options);
        this.params = model.parameters();
        this.adam = new Adam(params, options.lr());
        this.scheduler = switch (options.schedule()) {
            case COSINE -> new CosineAnnealingLR(adam, options.steps(), 0.0);
            case ONECYCLE -> new OneCycleLR(adam, options.lr(), options.steps());
            case CONSTANT -> null;
        };
        this.lanes = new TextLanes(corpus.train(), options.batch(), options.seq());
        this.gradients = gradients;
        model.train();
    }

    /**
     * A run from step 0: the default generator seeded with the run's seed, the model built from it.
     *
     * @throws TextFormatException if the training part is too short for one window of every lane
     */
    public static TextTrainer start(TextCorpus corpus, TextOptions options) throws TextFormatException {
        return start(corpus, options, WindowGradients.local());
    }

    /**
     * {@link #start(TextCorpus, TextOptions)} with each window's gradients from {@code gradients}
     * (the caller closes it after the run).
     */
    public static TextTrainer start(TextCorpus corpus, TextOptions options, WindowGradients gradients)
            throws TextFormatException {
        return new TextTrainer(corpus, options, gradients);
    }

    /**
     * The run saved in {@code checkpoint}, restored to the step it was saved at: model, optimizer,
     * schedule, the default generator, the carried state, the lanes' position and the history.
     *
     * @throws IOException if the file is not a sound checkpoint
     * @throws IllegalArgumentException if it was saved by a run with other options or on another text
     */
    public static TextTrainer resume(TextCorpus corpus, TextOptions options, Path checkpoint) throws IOException {
        return resume(corpus, options, checkpoint, WindowGradients.local());
    }

    /**
     * {@link #resume(TextCorpus, TextOptions, Path)} with each window's gradients from
     * {@code gradients} (the caller closes it after the run). A checkpoint written with one
     * computation resumes with any other: it holds no trace of where gradients were computed.
     */
    public static TextTrainer resume(TextCorpus corpus, TextOptions options, Path checkpoint,
                                     WindowGradients gradients) throws IOException {
        TextTrainer t = new TextTrainer(corpus, options, gradients);
        TextCheckpoint.restore(checkpoint, t);
        return t;
    }

    /**
     * Trains up to the run's last step, validating and checkpointing on the way (to
     * {@code checkpointFile}; null: none), and returns the history.
     */
    public TrainingHistory run(Path checkpointFile, TextListener listener) throws IOException {
        return runUntil(options.steps(), checkpointFile, listener);
    }

    /**
     * {@link #run}, stopping after step {@code lastStep} (at most the run's steps) as a run that is
     * interrupted there would: its later validations and checkpoints never happen.
     */
    public TrainingHistory runUntil(int lastStep, Path checkpointFile, TextListener listener) throws IOException {
        int until = Math.min(lastStep, options.steps());
        while (step < until) {
            TextListener.StepReport r = step();
            listener.onStep(r);
            boolean last = step == options.steps();
            if (step % options.evalEvery() == 0 || last) listener.onValidation(step, validate());
            if (checkpointFile != null && (step % options.checkpointEvery() == 0 || last)) {
                TextCheckpoint.save(checkpointFile, this);
                listener.onCheckpoint(step, checkpointFile);
            }
        }
        return history;
    }

    /** One training step on the next window of every lane. */
    public TextListener.StepReport step() {
        long start = System.nanoTime();
        double lr = adam.lr();
        float loss = backward(lanes.next());
        update();
        long nanos = System.nanoTime() - start;
        stepNanos += nanos;
        stepsHere++;
        history.addStep(loss, nanos / 1e6);
        double charsPerSecond = (double) stepsHere * options.batch() * options.seq() / (stepNanos / 1e9);
        return new TextListener.StepReport(step, options.steps(), loss, lr, nanos / 1e6, charsPerSecond);
    }

    /**
     * The forward and backward pass of one window ({@link WindowGradients#compute}), from the
     * carried state (zeros where the window starts a pass); the state after it is carried,
     * detached. Returns the loss in nats.
     *
     * @throws IllegalStateException if the loss is not finite (the weights and the carried state are
     *     those of the last step)
     */
    public float backward(TextLanes.Window w) {
        if (w.startsPass()) state = null;
        model.train();
        adam.zeroGrad();
        WindowGradients.Result r = gradients.compute(model, w, state, step + 1);
        float value = r.loss();
        if (!Float.isFinite(value)) {
            throw new IllegalStateException("training diverged: the loss is " + value + " at step " + (step + 1)
                    + " (try a lower --lr or --clip)");
        }
        state = r.state();
        return value;
    }

    /** Clips the gradients, takes the optimizer step and moves the schedule on. */
    public void update() {
        if (options.clip() > 0) Clip.clipGradNorm(params, options.clip());
        adam.step();
        if (scheduler != null) scheduler.step();
        step++;
    }

    /** Measures the validation bpc now and records it. */
    public double validate() {
        double bpc = BitsPerCharacter.of(model, corpus.validation(), options.seq());
        history.addValidation(step, bpc);
        return bpc;
    }

    /** Writes a checkpoint of the run as it is now. */
    public void saveCheckpoint(Path file) throws IOException {
        TextCheckpoint.save(file, this);
    }

    /** Steps taken. */
    public int stepsDone() {
        return step;
    }

    public CharLanguageModel model() {
        return model;
    }

    public TextOptions options() {
        return options;
    }

    public TextCorpus corpus() {
        return corpus;
    }

    public TrainingHistory history() {
        return history;
    }

    // For TextCheckpoint: the live parts a checkpoint saves and restores.

    Adam optimizer() {
        return adam;
    }

    LRScheduler scheduler() {
        return scheduler;
    }

    TextLanes lanes() {
        return lanes;
    }

    RecurrentState state() {
        return state;
    }

    void restored(int step, RecurrentState state, TrainingHistory history) {
        this.step = step;
        this.state = state;
        this.history = history;
    }
}
