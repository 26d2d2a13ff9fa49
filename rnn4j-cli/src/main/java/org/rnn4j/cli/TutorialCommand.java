package org.rnn4j.cli;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.rnn4j.examples.tutorial.TutorialExample;
import org.rnn4j.examples.tutorial.TutorialExamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnn4j tutorial [NAME]}: lists the tutorial's examples, or runs one. */
@Command(
        name = "tutorial",
        description = {"List the tutorial's code examples, or run one: it prints what the PyTorch snippet prints "
                + "(the module's repr and the shapes)."})
public final class TutorialCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", completionCandidates = Names.class,
            description = "The example to run: ${COMPLETION-CANDIDATES}. Without it, the examples are listed.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (name == null) {
            int width = TutorialExamples.names().stream().mapToInt(String::length).max().orElse(0);
            out.println("The tutorial's examples (run one with: rnn4j tutorial NAME):");
            for (TutorialExample e : TutorialExamples.ALL) {
                out.printf("  %-" + width + "s  %s%n", e.name(), e.description());
            }
            out.flush();
            return 0;
        }
        TutorialExample example = TutorialExamples.find(name).orElseThrow(() -> Checks.usage(spec,
                "Invalid value for NAME: expected one of " + String.join(", ", TutorialExamples.names())
                        + " but was '" + name + "'"));
        example.run(out);
        out.flush();
        return 0;
    }

    /** The example names, for help and completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TutorialExamples.names().iterator();
        }
    }
}
