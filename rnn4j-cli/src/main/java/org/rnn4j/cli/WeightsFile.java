package org.rnn4j.cli;

import java.nio.file.Path;
import org.rnn4j.cli.explain.StoredWeights;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Reads {@code explain --weights FILE.safetensors}: a state dict plus its metadata. */
final class WeightsFile {
    private WeightsFile() {}

    static StoredWeights read(CommandLine cl, Path file) {
        throw new ParameterException(cl, "--weights must be ones, random or memory-cell, got '" + file
                + "' (reading .safetensors files arrives with org.rnn4j.io.SafeTensors)");
    }
}
