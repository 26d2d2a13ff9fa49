package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Validation of option values; each failure is a usage error (exit 2) naming expected and actual. */
public final class Checks {
    private Checks() {}

    /** A usage error for {@code spec}'s command; throw it from a command's {@code call()}. */
    public static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    public static void positive(CommandSpec spec, String option, long value) {
        if (value <= 0) throw invalid(spec, option, "an integer > 0", String.valueOf(value));
    }

    public static void nonNegative(CommandSpec spec, String option, long value) {
        if (value < 0) throw invalid(spec, option, "an integer >= 0", String.valueOf(value));
    }

    public static void finitePositive(CommandSpec spec, String option, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw invalid(spec, option, "a finite number > 0", String.valueOf(value));
        }
    }

    public static ParameterException invalid(CommandSpec spec, String option, String expected, String actual) {
        return usage(spec, "Invalid value for option '" + option + "': expected " + expected + " but was '"
                + actual + "'");
    }

    /**
     * Creates {@code dir} if needed and checks that a file can be created in it, before any long
     * work starts; a usage error names the directory and the reason.
     */
    public static Path writableDirectory(CommandSpec spec, String option, Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".rnn4j-probe-", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (IOException | SecurityException e) {
            throw usage(spec, "Invalid value for option '" + option + "': expected a writable directory but '"
                    + dir + "' is not usable (" + Main.describe(e) + ")");
        }
    }
}
