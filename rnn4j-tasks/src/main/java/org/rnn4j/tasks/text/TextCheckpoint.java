package org.rnn4j.tasks.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.rnn4j.data.TextLanes;
import org.rnn4j.io.Checkpoint;
import org.rnn4j.io.Checkpoints;
import org.rnn4j.io.TrainingState;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.nn.RecurrentState;
import org.rnn4j.tensor.Generator;
import org.rnn4j.tensor.Tensor;

/**
 * A text run's checkpoint: one file ({@link Checkpoints}, written atomically) with everything a
 * resume needs to continue bit for bit:
 * <pre>
 *   model.*, optimizer.*, scheduler.*    the model, Adam and the schedule (none for a constant rate)
 *   generator.default                   the default generator (dropout masks)
 *   tensor.state.h, tensor.state.c      the state carried into the next window (c for LSTM only;
 *                                       absent before the first step)
 *   longs lanes.pass, lanes.window      the position of the next window ({@link TextLanes.State})
 *   text.options                        the run's options ({@link TextOptionsJson})
 *   text.corpus                         the text's fingerprint ({@link TextCorpus#fingerprint()})
 *   text.history                        losses, step times, validations ({@link TrainingHistory})
 * </pre>
 */
public final class TextCheckpoint {
    static final String OPTIONS = "text.options";
    static final String CORPUS = "text.corpus";
    static final String HISTORY = "text.history";
    static final String DEFAULT_GENERATOR = "default";

    /** What a checkpoint says about its run, read without restoring anything. */
    public record Info(int step, TextOptions options, String corpusFingerprint) {}

    private TextCheckpoint() {}

    /** Saves {@code run} as it is now to {@code file}, atomically. */
    static void save(Path file, TextTrainer run) throws IOException {
        Checkpoint c = Checkpoint.at(run.stepsDone())
                .withLong("lanes.pass", run.lanes().state().pass())
                .withLong("lanes.window", run.lanes().state().window())
                .withMetadata(OPTIONS, TextOptionsJson.write(run.options()).toString())
                .withMetadata(CORPUS, run.corpus().fingerprint())
                .withMetadata(HISTORY, run.history().toJson());
        RecurrentState s = run.state();
        if (s != null) {
            c = c.withTensor("state.h", s.h());
            if (s.c() != null) c = c.withTensor("state.c", s.c());
        }
        Checkpoints.save(file, live(run), c);
    }

    /**
     * The step, options and text fingerprint of a checkpoint.
     *
     * @throws IOException if it is not a sound checkpoint of a text run
     */
    public static Info read(Path file) throws IOException {
        Checkpoint c = Checkpoints.read(file);
        String options = c.metadata().get(OPTIONS);
        String corpus = c.metadata().get(CORPUS);
        if (options == null || corpus == null) {
            throw new IOException(file + ": not the checkpoint of a text run (no '" + OPTIONS + "' or '" + CORPUS
                    + "' entry)");
        }
        try {
            return new Info(Math.toIntExact(c.step()), TextOptionsJson.read(options), corpus);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the run saved in {@code file} into {@code run}, which was just built with the same
     * options on the same text.
     *
     * @throws IllegalArgumentException naming the file and the difference, if the checkpoint's
     *     options or text are not the run's
     */
    static void restore(Path file, TextTrainer run) throws IOException {
        Info info = read(file);
        Map<String, String[]> diff = TextOptionsJson.differences(info.options(), run.options());
        if (!diff.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            diff.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" ").append(v[0])
                    .append(" (now ").append(v[1]).append(")"));
            throw new IllegalArgumentException(file + ": the checkpoint's run has other options: " + sb);
        }
        if (!info.corpusFingerprint().equals(run.corpus().fingerprint())) {
            throw new IllegalArgumentException(file + ": the checkpoint's run trained on another text (characters:crc32 "
                    + info.corpusFingerprint() + ", this one " + run.corpus().fingerprint() + ")");
        }
        Checkpoint c = Checkpoints.restore(file, live(run));
        try {
            TrainingHistory history = TrainingHistory.fromJson(c.metadata().get(HISTORY));
            if (history.steps() != c.step()) {
                throw new IllegalArgumentException("the history has " + history.steps() + " steps, the checkpoint "
                        + c.step());
            }
            run.lanes().restore(new TextLanes.State(Math.toIntExact(c.longValue("lanes.pass")),
                    Math.toIntExact(c.longValue("lanes.window"))));
            run.restored(Math.toIntExact(c.step()), state(c, run), history);
        } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
            throw new IOException(file + ": damaged text checkpoint: " + e.getMessage(), e);
        }
    }

    private static TrainingState live(TextTrainer run) {
        TrainingState live = TrainingState.of(run.model()).optimizer(run.optimizer());
        if (run.scheduler() != null) live = live.scheduler(run.scheduler());
        return live.generator(DEFAULT_GENERATOR, Generator.defaultGenerator());
    }

    /** The carried state, checked against the shapes the run's model carries; null if none was saved. */
    private static RecurrentState state(Checkpoint c, TextTrainer run) {
        if (!c.tensors().containsKey("state.h")) return null;
        RecurrentConfig rc = run.model().config();
        int[] h = {rc.numLayers() * rc.directions(), run.options().batch(), rc.outHidden()};
        int[] cs = {rc.numLayers() * rc.directions(), run.options().batch(), rc.hiddenSize()};
        Tensor sh = shaped(c.tensor("state.h"), h, "state.h");
        boolean lstm = rc.cell() == org.rnn4j.nn.CellType.LSTM;
        Tensor sc = lstm ? shaped(c.tensor("state.c"), cs, "state.c") : null;
        return new RecurrentState(sh, sc);
    }

    private static Tensor shaped(Tensor t, int[] shape, String name) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(t.shape()) + ", expected "
                    + Arrays.toString(shape));
        }
        return t;
    }
}
