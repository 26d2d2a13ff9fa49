package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnn4j.cli.explain.StoredWeights;
import org.rnn4j.io.SafeTensors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Reads {@code explain --weights FILE.safetensors}: a single-layer state dict plus its metadata
 * (see {@link StoredWeights} for the metadata keys that name the cell and its activations).
 */
final class WeightsFile {
    private WeightsFile() {}

    static StoredWeights read(CommandLine cl, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(cl, "--weights must be ones, random, memory-cell or a .safetensors file, got '"
                    + file + "' (no such file)");
        }
        return new StoredWeights(file.toString(), SafeTensors.load(file), SafeTensors.metadata(file));
    }
}
