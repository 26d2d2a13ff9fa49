package org.rnn4j.spark.cli;

import java.io.PrintWriter;
import org.rnn4j.cli.Main;
import picocli.CommandLine;

/**
 * The entry point of {@code ./rnn4j spark ...} and of {@code spark-submit --class
 * org.rnn4j.spark.cli.SparkMain rnn4j-spark-VERSION-all.jar ...}: the commands {@code text-train},
 * {@code forecast-train}, {@code predict} and {@code bench}, with the CLI's one-line errors and exit
 * statuses (2: a bad command line, 1: a failure while running).
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int status = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        // Under spark-submit (spark.master set) a successful main returns and Spark ends the application;
        // otherwise exit, so that no lingering thread keeps the JVM alive.
        if (status != 0 || System.getProperty("spark.master") == null) System.exit(status);
    }

    /** Runs the command line and returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Main.run(commandLine(), out, err, args);
    }

    /** The configured command line: {@code rnn4j spark} and its subcommands. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkCommand());
        cl.addSubcommand("text-train", SparkTextTrainCommand.commandLine());
        cl.addSubcommand("forecast-train", SparkForecastTrain.commandLine());
        cl.addSubcommand("predict", new CommandLine(new SparkPredictCommand()));
        cl.addSubcommand("bench", new CommandLine(new SparkBenchCommand()));
        cl.getCommandSpec().usageMessage().footer("", "Run 'rnn4j spark COMMAND --help' for a command's options.");
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setAbbreviatedOptionsAllowed(false);
        return cl;
    }
}
