package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {
    static Stream<String> commands() {
        return Main.commandLine().getSubcommands().keySet().stream().filter(c -> !c.equals("help"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelp(String command) {
        Cli r = Cli.run(command, "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Usage: rnn4j " + command), r.out());
        assertTrue(r.out().contains("--help") && r.out().contains("--version"), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasVersion(String command) {
        Cli r = Cli.run(command, "--version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("rnn4j "), r.out());
        assertTrue(r.out().contains("JVM: "), r.out());
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.status());
        commands().forEach(c -> assertTrue(r.out().contains("  " + c + " "), c + " missing from\n" + r.out()));
    }

    @Test
    void noCommandPrintsUsageAndFails() {
        Cli r = Cli.run();
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Usage: rnn4j"), r.err());
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {"nope"}, "unknown command 'nope': expected one of sine, tutorial, bench"),
                Arguments.of(new String[] {"--nope"}, "'--nope'"),
                Arguments.of(new String[] {"sine", "--iterations", "0"},
                        "'--iterations': expected an integer > 0 but was '0'"),
                Arguments.of(new String[] {"sine", "--iterations", "-3"}, "but was '-3'"),
                Arguments.of(new String[] {"sine", "--iterations", "many"}, "'many' is not an int"),
                Arguments.of(new String[] {"sine", "--lr", "0"}, "'--lr': expected a finite number > 0 but was '0.0'"),
                Arguments.of(new String[] {"sine", "--lr", "NaN"}, "expected a finite number > 0 but was 'NaN'"),
                Arguments.of(new String[] {"sine", "--lr", "Infinity"}, "but was 'Infinity'"),
                Arguments.of(new String[] {"sine", "--hidden", "0"}, "'--hidden': expected an integer > 0"),
                Arguments.of(new String[] {"sine", "--layers", "0"}, "'--layers': expected an integer > 0"),
                Arguments.of(new String[] {"sine", "--cell", "transformer"},
                        "expected one of [rnn, lstm, gru] (case-insensitive) but was 'transformer'"),
                Arguments.of(new String[] {"sine", "--mode", "fast"}, "but was 'fast'"),
                Arguments.of(new String[] {"sine", "--iteration", "5"}, "did you mean '--iterations'?"),
                Arguments.of(new String[] {"sine", "--seed"}, "Missing required parameter for option '--seed'"),
                Arguments.of(new String[] {"bench", "--hidden", "0"}, "'--hidden': expected an integer > 0"),
                Arguments.of(new String[] {"bench", "--seq", "-1"}, "'--seq': expected an integer > 0"),
                Arguments.of(new String[] {"bench", "--batch", "0"}, "'--batch'"),
                Arguments.of(new String[] {"bench", "--input", "0"}, "'--input'"),
                Arguments.of(new String[] {"bench", "--layers", "0"}, "'--layers'"),
                Arguments.of(new String[] {"bench", "--iters", "0"}, "'--iters'"),
                Arguments.of(new String[] {"bench", "--warmup", "-1"}, "'--warmup': expected an integer >= 0"),
                Arguments.of(new String[] {"bench", "--mode", "fit"}, "expected one of [train, infer]"),
                Arguments.of(new String[] {"tutorial", "lstm-net"}, "expected one of rnn, rnn-layers"),
                Arguments.of(new String[] {"tutorial", "rnn", "extra"}, "'extra'"),
                Arguments.of(new String[] {"inspect"}, "Missing required parameter: 'FILE'"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badCommandLineIsOneLineAndExitTwo(String[] args, String expected) {
        Cli r = Cli.run(args);
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("rnn4j: error: "), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void debugPrintsTheStackTrace() {
        Cli r = Cli.run("sine", "--iterations", "0", "--debug");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rnn4j: error: "), r.err());
        assertTrue(r.err().contains("\tat org.rnn4j.cli."), r.err());
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw new NoSuchFileException("/no/such/model.safetensors");
        }
    }

    @Command(name = "crash")
    static final class Crash implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected 3,\n got 4");
        }
    }

    private static CommandLine withTestCommands() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand(new Boom());
        cl.addSubcommand(new Crash());
        return cl;
    }

    @Test
    void runtimeErrorIsOneLineAndExitOne() {
        Cli r = Cli.run(withTestCommands(), "boom");
        assertEquals(1, r.status());
        assertEquals("rnn4j: error: no such file or directory: /no/such/model.safetensors", r.err().strip());

        Cli c = Cli.run(withTestCommands(), "crash");
        assertEquals(1, c.status());
        assertEquals(1, c.errLines().length, c.err());
        assertTrue(c.err().contains("Expected 3, got 4"), c.err());
        assertFalse(c.err().contains("\tat "), c.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"boom", "crash"})
    void runtimeErrorWithDebugShowsTheTrace(String command) {
        Cli r = Cli.run(withTestCommands(), command, "--debug");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void addedCommandsInheritTheStandardOptions() {
        Cli r = Cli.run(withTestCommands(), "boom", "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("--version") && r.out().contains("--debug"), r.out());
    }
}
