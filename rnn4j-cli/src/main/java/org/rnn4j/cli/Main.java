package org.rnn4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code rnn4j} command. Every subcommand inherits {@code --help}, {@code --version} and
 * {@code --debug}. Errors print one line, {@code rnn4j: error: ...}, on stderr: exit status 2 for
 * a bad command line (unknown option, bad value, unusable file), 1 for a failure while running.
 *
 * <p>To add a command: write a {@code @Command} class implementing {@code Callable<Integer>} (see
 * {@link SineCommand}), and add it, one line, to {@code subcommands} below. Throw {@link
 * Checks#usage} (a {@link ParameterException}) for a bad argument and any other exception for a
 * runtime failure; print through {@code spec.commandLine().getOut()} / {@code getErr()}.
 */
@Command(
        name = "rnn4j",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Recurrent neural networks in Java, mirroring PyTorch's torch.nn.",
        subcommands = {
            SineCommand.class,
            TutorialCommand.class,
            BenchCommand.class,
            InspectCommand.class,
            ExportCommand.class,
            ExplainCommand.class,
            ForecastCommand.class,
            TextCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Callable<Integer> {
    /** Exit status of a bad command line. */
    public static final int USAGE = 2;
    /** Exit status of a failure while running. */
    public static final int FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    boolean debug;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (args.length >= 2 && args[0].equals("text") && args[1].equals("sample")) {
            // The JIT compiles the sampler's kernels while picocli sets up and the model loads
            // (0.4 to 0.8 s on two cores), not while the characters are drawn.
            org.rnn4j.tasks.text.Sampler.warmUp();
        }
        int status = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(status);
    }

    /** Runs the command line and returns the exit status; output goes to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(null, out, err, args);
    }

    /**
     * As {@link #run(PrintWriter, PrintWriter, String...)} on a given command line (null: the
     * standard one): the same one-line errors and exit statuses for another front end's commands
     * ({@code rnn4j spark}).
     */
    public static int run(CommandLine commandLine, PrintWriter out, PrintWriter err, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug") || "1".equals(System.getenv("RNN4J_DEBUG"));
        try {
            CommandLine cl = commandLine != null ? commandLine : commandLine();
            cl.setOut(out);
            cl.setErr(err);
            cl.setParameterExceptionHandler((ex, a) -> {
                CommandLine cmd = ex.getCommandLine();
                String name = cmd.getCommandSpec().qualifiedName();
                String hint = "";
                if (ex instanceof UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
                        && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                    cmd.getErr().println("rnn4j: error: unknown command '" + u.getUnmatched().get(0)
                            + "': expected one of " + String.join(", ", cmd.getSubcommands().keySet())
                            + " (see '" + name + " --help')");
                    cmd.getErr().flush();
                    return USAGE;
                }
                if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                    hint = "; did you mean " + String.join(" or ", u.getSuggestions().stream()
                            .limit(3).map(s -> "'" + s + "'").toList()) + "?";
                }
                cmd.getErr().println("rnn4j: error: " + oneLine(ex.getMessage()) + hint
                        + " (see '" + name + " --help')");
                if (debug) ex.printStackTrace(cmd.getErr());
                cmd.getErr().flush();
                return USAGE;
            });
            cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> fail(cmd.getErr(), ex, debug));
            int status = cl.execute(args);
            out.flush();
            err.flush();
            return status;
        } catch (Throwable t) { // an Error (out of memory, ...) escapes picocli's handlers
            return fail(err, t, debug);
        }
    }

    /** A configured command line; tests and other front ends may use it directly. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.getCommandSpec().usageMessage().footer("", "Run 'rnn4j COMMAND --help' for a command's options.");
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setAbbreviatedOptionsAllowed(false);
        return cl;
    }

    private static int fail(PrintWriter err, Throwable t, boolean debug) {
        err.println("rnn4j: error: " + describe(t));
        if (debug) t.printStackTrace(err);
        err.flush();
        return FAILURE;
    }

    /** One line naming what went wrong, for any throwable. */
    static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + t.getMessage() + "); give the JVM more with RNN4J_JAVA_OPTS=-Xmx8g";
        }
        if (t instanceof StackOverflowError) return "stack overflow; run with --debug for the stack trace";
        if (t instanceof FileSystemException f) {
            String file = f.getFile() == null ? "" : f.getFile();
            String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
            String what;
            if (t instanceof NoSuchFileException) what = "no such file or directory";
            else if (t instanceof AccessDeniedException) what = "permission denied";
            else if (t instanceof FileAlreadyExistsException) what = "file already exists";
            else if (t instanceof NotDirectoryException) what = "not a directory";
            else what = f.getReason() == null ? t.getClass().getSimpleName() : f.getReason();
            return oneLine(what + ": " + file + other);
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName() + (t.getCause() != null ? ": " + describe(t.getCause()) : "");
        }
        return oneLine(message);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("([,;:.])\\s*\\R\\s*", "$1 ").replaceAll("\\s*\\R\\s*", "; ");
    }

    /** {@code --version}: rnn4j's version, the JVM and whether the Vector API is loaded. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "rnn4j " + version(),
                "JVM: " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name")
                        + ", " + System.getProperty("java.vendor") + ")",
                "Vector API: " + (vectorApiLoaded() ? "jdk.incubator.vector loaded" : "absent (scalar kernels)"),
                "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores",
            };
        }
    }

    /** The project version from the build, or "unknown". */
    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    public static boolean vectorApiLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
