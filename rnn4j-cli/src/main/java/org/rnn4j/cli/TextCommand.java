package org.rnn4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rnn4j text}: the group of {@code train} and {@code sample}. */
@Command(
        name = "text",
        sortOptions = false,
        description = {
            "A character-level language model (char-rnn): Embedding, a recurrent stack and Linear, trained on a "
                    + "UTF-8 text by truncated backpropagation through time, then sampled.",
            "  train    trains on a text, and writes the model, a checkpoint, loss.png and metrics.json",
            "  sample   prints text drawn from a trained model"
        },
        subcommands = {TextTrainCommand.class, TextSampleCommand.class})
public final class TextCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }
}
