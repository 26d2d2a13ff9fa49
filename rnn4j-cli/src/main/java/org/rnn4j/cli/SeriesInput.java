package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnn4j.tasks.forecast.CsvSeriesReader;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.SeriesFormatException;
import org.rnn4j.tasks.forecast.SeriesSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Reads a command's CSV series; an unusable file or a bad series is a usage error (exit 2). */
final class SeriesInput {
    private SeriesInput() {}

    static Series read(CommandSpec spec, String option, Path csv, SeriesSpec columns) {
        if (!Files.isRegularFile(csv)) {
            throw Checks.usage(spec, "Invalid value for option '" + option + "': '" + csv
                    + "' is not a readable file");
        }
        try {
            return CsvSeriesReader.read(csv, columns);
        } catch (SeriesFormatException e) {
            throw Checks.usage(spec, e.getMessage());
        } catch (IOException e) {
            throw Checks.usage(spec, "Invalid value for option '" + option + "': cannot read '" + csv + "' ("
                    + Main.describe(e) + ")");
        }
    }
}
