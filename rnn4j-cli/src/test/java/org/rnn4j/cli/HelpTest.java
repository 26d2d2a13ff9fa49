package org.rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers --help cleanly: usage on stdout, status 0, no picocli warning. */
class HelpTest {
    @Test
    void everyCommandHasCleanHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 8, "commands found: " + paths);
        PrintStream stderr = System.err;
        for (List<String> path : paths) {
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            Cli r;
            try {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                r = Cli.run(args.toArray(new String[0]));
            } finally {
                System.setErr(stderr);
            }
            String name = String.join(" ", path);
            assertEquals(0, r.status(), name + " --help: " + r.err());
            assertTrue(r.out().startsWith("Usage: rnn4j"), name + " --help printed: " + r.out());
            String w = warnings.toString(StandardCharsets.UTF_8);
            assertFalse(w.contains("picocli WARN"), name + " --help: " + w);
        }
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help") || !sub.getCommandName().equals(name)) return;  // aliases once
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }
}
