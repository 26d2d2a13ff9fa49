package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnn4j.io.Models;
import org.rnn4j.tasks.text.CharLanguageModel;
import org.rnn4j.tasks.text.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j text sample}: prints text drawn from a trained character language model. */
@Command(
        name = "sample",
        sortOptions = false,
        description = {
            "Print the prompt, then --length characters drawn one at a time from a model that 'text train' wrote: the"
                    + " prompt warms the state, each drawn character is fed back. The same model, options and --seed"
                    + " print the same text."
        })
public final class TextSampleCommand implements Callable<Integer> {
    /** Drawn characters are printed in pieces of at most this many (and at each newline). */
    static final int FLUSH_CHARS = 64;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model file written by 'text train' (DIR/model.safetensors).")
    Path model;

    @Option(names = "--prompt", paramLabel = "S", defaultValue = "",
            description = "Text that starts the sample; its characters must be in the model's vocabulary (default: none).")
    String prompt;

    @Option(names = "--length", paramLabel = "N", defaultValue = "500",
            description = "Characters to draw after the prompt (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", paramLabel = "X", defaultValue = "1.0",
            description = "Divides the logits: below 1 more likely characters, above 1 more varied (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
            description = "Draw among the K most likely characters only; 0 for all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Checks.nonNegative(spec, "--length", length);
        Checks.finitePositive(spec, "--temperature", temperature);
        Checks.nonNegative(spec, "--top-k", topK);
        Sampler.warmUp(); // the JIT compiles the sampling kernels while the model file is read
        CharLanguageModel m = load();
        try {
            m.vocabulary().encodeToArray(prompt);
        } catch (IllegalArgumentException e) {
            throw Checks.usage(spec, "Invalid value for option '--prompt': " + e.getMessage()
                    .replaceFirst("^CharVocabulary: ", "").replace("the vocabulary", "the model's vocabulary"));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(prompt);
        out.flush();
        StringBuilder pending = new StringBuilder();
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        Sampler.sample(m, new Sampler.Options(prompt, length, temperature, topK, seed), cp -> {
            pending.appendCodePoint(cp);
            if (cp == '\n' || pending.length() >= FLUSH_CHARS) {
                out.print(pending);
                out.flush();
                pending.setLength(0);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuStart) / 1e9;
        out.print(pending);
        out.println();
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(String.format(java.util.Locale.ROOT, "drew %,d characters in %.2f s (%.2f s of this thread's CPU"
                + " time)", length, seconds, cpu));
        err.flush();
        return 0;
    }

    /** This thread's CPU time (its wall time where the JVM cannot tell): on a busy machine, the time it would take alone. */
    private static long cpuNanos() {
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private CharLanguageModel load() {
        if (!Files.isRegularFile(model)) {
            throw Checks.usage(spec, "Invalid value for option '--model': '" + model + "' is not a readable file");
        }
        try {
            return Models.load(model, CharLanguageModel.class);
        } catch (IOException e) {
            throw Checks.usage(spec, "Invalid value for option '--model': " + Main.describe(e));
        }
    }
}
