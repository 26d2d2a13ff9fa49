package org.rnn4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rnn4j forecast}: the group of {@code train} and {@code predict}. */
@Command(
        name = "forecast",
        sortOptions = false,
        description = {
            "Forecast a time series from a CSV file with a recurrent network, measured against the naive and "
                    + "seasonal-naive baselines on the same rolling origins.",
            "  train    trains on a series, tests it, and writes the model, forecast, charts and metrics",
            "  predict  forecasts the next points after a series with a trained model"
        },
        subcommands = {ForecastTrainCommand.class, ForecastPredictCommand.class})
public final class ForecastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }
}
