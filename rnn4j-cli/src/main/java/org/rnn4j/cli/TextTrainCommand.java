package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.nn.CellType;
import org.rnn4j.tasks.text.TextCheckpoint;
import org.rnn4j.tasks.text.TextCorpus;
import org.rnn4j.tasks.text.TextFormatException;
import org.rnn4j.tasks.text.TextListener;
import org.rnn4j.tasks.text.TextOptions;
import org.rnn4j.tasks.text.TextOptionsJson;
import org.rnn4j.tasks.text.TextTrainer;
import org.rnn4j.tasks.text.WindowGradients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code rnn4j text train}: trains a character language model on a UTF-8 text and writes the outputs. */
@Command(
        name = "train",
        sortOptions = false,
        description = {
            "Train a character-level language model (Embedding, a recurrent stack with dropout, Linear; cross-entropy)"
                    + " on a UTF-8 text: the first 90%% trains, cut into --batch contiguous lanes read --seq characters"
                    + " a step, the state carried from window to window; the last 10%% is held out.",
            "Writes DIR/model.safetensors, DIR/checkpoint.safetensors (every --checkpoint-every steps and at the end),"
                    + " DIR/loss.png and DIR/metrics.json. --resume continues from DIR/checkpoint.safetensors and ends"
                    + " with the same weights, bit for bit, as a run that never stopped."
        })
public final class TextTrainCommand implements Callable<Integer> {
    static final String CHECKPOINT = "checkpoint.safetensors";

    /**
     * Where each window's gradients are computed once the text and the options are checked: this
     * JVM by default; {@code rnn4j spark text-train} passes a Spark cluster's, so that both commands
     * read, check, checkpoint and write the same.
     */
    @FunctionalInterface
    public interface Gradients {
        /**
         * Opens the computation for a run of {@code options} (the resumed run's, with --resume); it
         * is closed when the run ends. A usage error (picocli's ParameterException) if it cannot
         * train them.
         */
        WindowGradients open(TextOptions options);
    }

    @Spec
    CommandSpec spec;

    private final Gradients gradients;

    /** Trains in this JVM. */
    public TextTrainCommand() {
        this(options -> WindowGradients.local());
    }

    /** Trains with the window gradients {@code gradients} opens. */
    public TextTrainCommand(Gradients gradients) {
        this.gradients = gradients;
    }

    @Option(names = "--text", paramLabel = "FILE", required = true, description = "The text: a UTF-8 file.")
    Path text;

    @Option(names = "--cell", paramLabel = "lstm|gru|rnn", defaultValue = "lstm",
            description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
    Cell cell;

    @Option(names = "--embed", paramLabel = "E", defaultValue = "64",
            description = "Size of a character's embedding (default: ${DEFAULT-VALUE}).")
    int embed;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "256", description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "2", description = "Stacked layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "128",
            description = "Characters of each lane a step trains on (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32",
            description = "Lanes the training text is cut into (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "2e-3",
            description = "Adam's peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--schedule", paramLabel = "cosine|constant|onecycle", defaultValue = "cosine",
            description = "Learning-rate schedule: cosine annealing from --lr to 0, constant, or one cycle peaking at"
                    + " --lr (default: ${DEFAULT-VALUE}).")
    TextOptions.Schedule schedule;

    @Option(names = "--clip", paramLabel = "X", defaultValue = "5",
            description = "Largest gradient norm; 0 turns clipping off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "Dropout between layers and before the output layer (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "200",
            description = "Steps between two validations over the whole held-out text; the last step is always"
                    + " validated (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "100",
            description = "Steps between two checkpoints; the last step always writes one (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue the run saved in DIR/checkpoint.safetensors; options not given"
            + " are the checkpoint's, and options given must equal them (--checkpoint-every may change).")
    boolean resume;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/text",
            description = "Output directory, created if needed (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        TextOptions given = options();
        TextCorpus corpus = readCorpus();
        Path dir = Checks.writableDirectory(spec, "--out", out);
        Path checkpoint = dir.resolve(CHECKPOINT);
        TextOptions options = resume ? resumedOptions(checkpoint, given, corpus) : given;
        try (WindowGradients engine = gradients.open(options)) {
            return train(start, corpus, options, dir, engine);
        }
    }

    private int train(long start, TextCorpus corpus, TextOptions options, Path dir, WindowGradients engine)
            throws IOException {
        Path checkpoint = dir.resolve(CHECKPOINT);
        TextTrainer trainer;
        try {
            trainer = resume ? TextTrainer.resume(corpus, options, checkpoint, engine)
                    : TextTrainer.start(corpus, options, engine);
        } catch (TextFormatException e) {
            throw Checks.usage(spec, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw Checks.usage(spec, "cannot resume from " + checkpoint + ": " + Main.describe(e));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(TextReport.describe(trainer));
        if (resume) stdout.println("resuming at step " + trainer.stepsDone() + " of " + options.steps());
        stdout.flush();
        int firstStep = trainer.stepsDone();
        ProgressListener listener;
        try (Progress progress = Progress.create("text", options.steps(), "step", spec.commandLine().getErr())) {
            listener = new ProgressListener(progress, trainer);
            trainer.run(checkpoint, listener);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Path> written = TextReport.write(dir, trainer, new TextReport.Run(firstStep, seconds, listener.peakHeap,
                TextReport.heapAfterGc()));
        stdout.println("wrote " + String.join(", ", written.stream().map(Path::toString).toList()) + ", " + checkpoint);
        stdout.println(TextReport.verdict(trainer, seconds));
        stdout.flush();
        return 0;
    }

    /** The options as given (or defaulted) on the command line. */
    private TextOptions options() {
        Checks.positive(spec, "--embed", embed);
        Checks.positive(spec, "--hidden", hidden);
        Checks.positive(spec, "--layers", layers);
        Checks.positive(spec, "--seq", seq);
        Checks.positive(spec, "--batch", batch);
        Checks.positive(spec, "--steps", steps);
        Checks.finitePositive(spec, "--lr", lr);
        Checks.positive(spec, "--eval-every", evalEvery);
        Checks.positive(spec, "--checkpoint-every", checkpointEvery);
        if (!(clip >= 0) || !Double.isFinite(clip)) throw Checks.invalid(spec, "--clip", "a finite number >= 0", String.valueOf(clip));
        if (!(dropout >= 0 && dropout < 1)) throw Checks.invalid(spec, "--dropout", "a number in [0, 1)", String.valueOf(dropout));
        return TextOptions.options().cell(CellType.valueOf(cell.name().toUpperCase(Locale.ROOT))).embed(embed)
                .hidden(hidden).layers(layers).seq(seq).batch(batch).steps(steps).lr(lr).schedule(schedule).clip(clip)
                .dropout(dropout).seed(seed).evalEvery(evalEvery).checkpointEvery(checkpointEvery);
    }

    private TextCorpus readCorpus() {
        if (Files.isDirectory(text)) {
            throw Checks.usage(spec, "Invalid value for option '--text': '" + text + "' is a directory, not a text file");
        }
        try {
            return TextCorpus.read(text);
        } catch (TextFormatException e) {
            throw Checks.usage(spec, e.getMessage());
        } catch (IOException e) {
            throw Checks.usage(spec, "Invalid value for option '--text': cannot read '" + text + "' ("
                    + Main.describe(e) + ")");
        }
    }

    /**
     * The checkpoint's options, with --checkpoint-every as given; an option given on the command
     * line that differs from the checkpoint's is a usage error naming it.
     */
    private TextOptions resumedOptions(Path checkpoint, TextOptions given, TextCorpus corpus) {
        if (!Files.exists(checkpoint)) {
            throw Checks.usage(spec, "--resume: there is no checkpoint to resume in " + out + " (no " + CHECKPOINT + ")");
        }
        TextCheckpoint.Info info;
        try {
            info = TextCheckpoint.read(checkpoint);
        } catch (IOException e) {
            throw Checks.usage(spec, "--resume: " + Main.describe(e));
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        for (Map.Entry<String, String[]> d : TextOptionsJson.differences(info.options(), given).entrySet()) {
            String flag = "--" + d.getKey().replace('_', '-');
            if (parsed.hasMatchedOption(flag)) {
                throw Checks.usage(spec, "--resume: " + flag + " " + d.getValue()[1] + " differs from the checkpoint's "
                        + d.getValue()[0] + " (a resumed run keeps the options it started with; leave " + flag + " out)");
            }
        }
        if (!info.corpusFingerprint().equals(corpus.fingerprint())) {
            throw Checks.usage(spec, "--resume: " + text + " is not the text the checkpoint's run trained on (characters"
                    + ":crc32 " + corpus.fingerprint() + ", the checkpoint's " + info.corpusFingerprint() + ")");
        }
        return info.options().checkpointEvery(given.checkpointEvery());
    }

    /**
     * Draws the progress bar (step, train loss and bpc, the last validation, characters per second)
     * and notes the heap in use after each step and validation.
     */
    private static final class ProgressListener implements TextListener {
        private final Progress progress;
        private String validation;
        long peakHeap;

        ProgressListener(Progress progress, TextTrainer trainer) {
            this.progress = progress;
            var last = trainer.history().lastValidation();
            this.validation = last == null ? "" : String.format(Locale.ROOT, ", val %.3f bpc", last.bpc());
        }

        @Override
        public void onStep(StepReport r) {
            peakHeap = Math.max(peakHeap, TextReport.heapInUse());
            progress.update(r.step(), String.format(Locale.ROOT, "loss %.4f, %.3f bpc%s, %,.0f char/s", r.loss(), r.bpc(),
                    validation, r.charsPerSecond()));
        }

        @Override
        public void onValidation(int step, double bpc) {
            peakHeap = Math.max(peakHeap, TextReport.heapInUse());
            validation = String.format(Locale.ROOT, ", val %.3f bpc", bpc);
        }
    }
}
