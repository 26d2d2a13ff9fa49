package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Models;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.Module;
import picocli.CommandLine.Model.CommandSpec;

/** Self-describing model files ({@link Models}) as command-line arguments. */
final class ModelFiles {
    /** The metadata entry every rnn4j file kind has ({@code "model"}, {@code "checkpoint"}). */
    static final String FORMAT = "rnn4j.format";

    private ModelFiles() {}

    /**
     * The module of {@code file}; a usage error (exit 2) in one line naming the file for a missing
     * or damaged file, a file of another kind, and a plain state dict, which has weights but no
     * architecture to rebuild a module from.
     */
    static Module load(CommandSpec spec, Path file) {
        return read(spec, file).module();
    }

    /** {@link #load}, with the file's own metadata entries (a task's scaling, vocabulary, options). */
    static ModelFile read(CommandSpec spec, Path file) {
        try {
            return Models.read(file);
        } catch (IOException | IllegalArgumentException e) {
            if (isPlainStateDict(file)) {
                throw Checks.usage(spec, "not a self-describing model file: " + file + " holds tensors but no"
                        + " architecture (its metadata has no " + FORMAT + " entry); write it with"
                        + " org.rnn4j.io.Models.save, which stores the module's type and options beside its weights");
            }
            throw Checks.usage(spec, Main.describe(e));
        }
    }

    /** Whether {@code meta} is that of a model file (rather than a checkpoint or a plain state dict). */
    static boolean isModelFile(Map<String, String> meta) {
        return "model".equals(meta.get(FORMAT));
    }

    private static boolean isPlainStateDict(Path file) {
        try {
            return !SafeTensors.metadata(file).containsKey(FORMAT);
        } catch (IOException | RuntimeException e) {
            return false; // not a readable safetensors file at all: Models' own message says why
        }
    }
}
