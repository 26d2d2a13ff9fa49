package org.rnn4j.spark.cli;

import java.util.concurrent.Callable;
import org.rnn4j.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code rnn4j spark}: the group of the Spark commands. */
@Command(
        name = "rnn4j spark",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Train and score rnn4j models on Apache Spark: an embedded session for --master local[N] (a "
                + "laptop), or the cluster's under spark-submit (YARN, Kubernetes, standalone).")
public final class SparkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error.")
    boolean debug;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }
}
