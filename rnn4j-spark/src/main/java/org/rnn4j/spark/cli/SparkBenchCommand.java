package org.rnn4j.spark.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.rnn4j.cli.Cell;
import org.rnn4j.cli.Checks;
import org.rnn4j.nn.CellType;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.Clip;
import org.rnn4j.spark.ForecastScorer;
import org.rnn4j.spark.ModelFile;
import org.rnn4j.spark.SparkGradients;
import org.rnn4j.spark.SparkSessions;
import org.rnn4j.spark.SparkTraining;
import org.rnn4j.spark.WeightShipping;
import org.rnn4j.tasks.forecast.BatchGradients;
import org.rnn4j.tasks.forecast.ForecastModel;
import org.rnn4j.tasks.forecast.ForecastModelFile;
import org.rnn4j.tasks.forecast.ForecastOptions;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.ForecastTrainer;
import org.rnn4j.tasks.forecast.Series;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j spark bench}: sequences per second of batch inference, and training step times, on
 * Spark against the single JVM (the same batched forwards, or the same gradient computation,
 * without Spark), on synthetic data; and Spark's own share of a training step (its wall time less
 * the slowest task's compute).
 */
@Command(name = "bench", sortOptions = false,
        description = "Measure distributed inference (sequences/s) and data-parallel training steps (ms, sequences/s, "
                + "Spark's overhead per step) against the single JVM, on a synthetic series. Prints one JSON line per "
                + "measurement; medians of --repeats runs (inference) or of --steps steps (training).")
public final class SparkBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "infer|train", required = true, description = "What to measure.")
    String mode;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
            description = "Partitions of the sequences, or parts of each batch (default: the default parallelism).")
    int partitions;

    @Option(names = "--cell", paramLabel = "lstm|gru|rnn", defaultValue = "lstm", description = "Cell (default: ${DEFAULT-VALUE}).")
    Cell cell;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "32", description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", paramLabel = "L", defaultValue = "1", description = "Layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--lookback", paramLabel = "N", defaultValue = "72", description = "Window length (default: ${DEFAULT-VALUE}).")
    int lookback;

    @Option(names = "--sequences", paramLabel = "N", defaultValue = "20000",
            description = "Sequences scored (infer; default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "256",
            description = "Sequences per forward (infer) or global batch (train) (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "30", description = "Training steps timed (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5", description = "Inference runs timed (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--verbose", description = "Print every run's numbers on stderr.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        for (String o : new String[] {"--hidden", "--layers", "--lookback", "--sequences", "--batch", "--steps",
            "--repeats"}) {
            Checks.positive(spec, o, ((Number) spec.findOption(o).getValue()).longValue());
        }
        Checks.nonNegative(spec, "--partitions", partitions);
        if (!mode.equals("infer") && !mode.equals("train")) throw Checks.invalid(spec, "--mode", "infer or train", mode);
        CellType type = CellType.valueOf(cell.name().toUpperCase(Locale.ROOT));
        ForecastOptions options = Synthetic.options(type, hidden, layers, lookback, batch);
        Series series = Synthetic.series(Math.max(4000, 8 * lookback), 1);
        PrintWriter out = spec.commandLine().getOut();
        try (SparkSessions.Handle handle = SparkSessions.attach(master, "rnn4j spark bench")) {
            SparkSession spark = handle.session();
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int parts = partitions > 0 ? partitions : sc.defaultParallelism();
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("mode", mode);
            head.put("master", spark.sparkContext().master());
            head.put("partitions", parts);
            head.put("model", type.name().toLowerCase(Locale.ROOT) + " hidden " + hidden + " layers " + layers
                    + " lookback " + lookback + " horizon 24");
            head.put("rnn4j_threads", org.rnn4j.tensor.cpu.parallel.Threads.count());
            if (mode.equals("infer")) infer(spark, sc, series, options, parts, head, out);
            else train(sc, series, options, parts, head, out);
        }
        out.flush();
        return 0;
    }

    private void infer(SparkSession spark, JavaSparkContext sc, Series series, ForecastOptions options, int parts,
                       Map<String, Object> head, PrintWriter out) throws Exception {
        ForecastModel model = Synthetic.model(series, options, 3);
        Random r = new Random(2);
        List<double[]> histories = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sequences; i++) {
            int end = model.lookback() + r.nextInt(series.length() - model.lookback() + 1);
            double[] y = Arrays.copyOfRange(series.target(), end - model.lookback(), end);
            histories.add(y);
            rows.add(RowFactory.create((long) i, scala.jdk.javaapi.CollectionConverters.asScala(
                    Arrays.stream(y).boxed().toList()).toSeq()));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("y", DataTypes.createArrayType(DataTypes.DoubleType));
        // Through a Parquet file, then cached: the timing is of the scoring, not of building the rows
        // (a DataFrame made from a driver-side list would ship its rows inside every task).
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rnn4j-bench-");
        String parquet = dir.resolve("sequences.parquet").toString();
        spark.createDataFrame(sc.parallelize(rows, Math.max(parts, sequences / 1000 + 1)), schema).write().parquet(parquet);
        Dataset<Row> input = spark.read().parquet(parquet).repartition(parts).cache();
        input.count();
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("rnn4j-bench-", ".safetensors");
        ForecastModelFile.save(tmp, model);
        ModelFile file = ModelFile.read(tmp);
        java.nio.file.Files.delete(tmp);
        ForecastScorer.Options o = ForecastScorer.Options.defaults().batchSize(batch);
        List<Double> single = new ArrayList<>();
        List<Double> distributed = new ArrayList<>();
        for (int rep = 0; rep <= repeats; rep++) { // run 0 warms up
            long t0 = System.nanoTime();
            for (int from = 0; from < sequences; from += batch) {
                List<double[]> chunk = histories.subList(from, Math.min(sequences, from + batch));
                model.predictLast(chunk, java.util.Collections.nCopies(chunk.size(), new double[0][]));
            }
            long t1 = System.nanoTime();
            ForecastScorer.score(input, file, o).rows().foreachPartition(it -> {
                while (it.hasNext()) it.next();
            });
            long t2 = System.nanoTime();
            if (rep == 0) continue;
            single.add(sequences / ((t1 - t0) / 1e9));
            distributed.add(sequences / ((t2 - t1) / 1e9));
            if (verbose) {
                spec.commandLine().getErr().printf(Locale.ROOT, "run %d: single JVM %.0f, Spark %.0f sequences/s%n", rep,
                        single.get(rep - 1), distributed.get(rep - 1));
            }
        }
        input.unpersist();
        try (var files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(f);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>(head);
        m.put("sequences", sequences);
        m.put("batch", batch);
        m.put("single_jvm_sequences_per_s", Math.round(median(single)));
        m.put("spark_sequences_per_s", Math.round(median(distributed)));
        out.println(json(m));
    }

    private void train(JavaSparkContext sc, Series series, ForecastOptions options, int parts, Map<String, Object> head,
                       PrintWriter out) {
        int[][] batches = batches(series, options);
        // The three runs take turns step by step, so a change in the machine's load hits them alike.
        List<Stepper> runs = List.of(new Stepper(series, options, null, null),
                new Stepper(series, options, sc, SparkTraining.options().partitions(parts).shipping(WeightShipping.TASK)),
                new Stepper(series, options, sc, SparkTraining.options().partitions(parts)
                        .shipping(WeightShipping.BROADCAST)));
        try {
            for (int s = 0; s < batches.length; s++) for (Stepper r : runs) r.step(batches[s], s >= 3);
        } finally {
            for (Stepper r : runs) r.gradients.close();
        }
        Map<String, Object> m = new LinkedHashMap<>(head);
        m.put("batch", batch);
        m.put("steps", steps);
        m.put("single_jvm_ms_per_step", round(median(runs.get(0).wall)));
        for (int k = 1; k <= 2; k++) {
            Stepper r = runs.get(k);
            String name = k == 1 ? "task" : "broadcast";
            m.put("spark_ms_per_step_" + name, round(median(r.wall)));
            m.put("spark_overhead_ms_per_step_" + name, round(median(r.overhead)));
            m.put("slowest_task_ms_per_step_" + name, round(median(r.task)));
        }
        m.put("single_jvm_sequences_per_s", Math.round(batch / median(runs.get(0).wall) * 1000));
        m.put("spark_sequences_per_s", Math.round(batch / median(runs.get(2).wall) * 1000)); // the default: broadcast
        out.println(json(m));
    }

    /** The global batches the training steps use: random windows of the training part, the same for every run. */
    private int[][] batches(Series series, ForecastOptions options) {
        var plan = ForecastTask.plan(series, options);
        Random r = new Random(4);
        int[][] b = new int[steps + 3][batch];
        int windows = plan.lastTrainOrigin() - plan.firstTrainOrigin() + 1;
        for (int[] row : b) for (int i = 0; i < batch; i++) row[i] = plan.firstTrainOrigin() + r.nextInt(windows);
        return b;
    }

    /** One training run: a whole driver step (gradients, clip, Adam) at a time, timed. */
    private static final class Stepper {
        final ForecastModel model;
        final BatchGradients gradients;
        final Adam adam;
        final List<Double> wall = new ArrayList<>();
        final List<Double> overhead = new ArrayList<>();
        final List<Double> task = new ArrayList<>();

        /** In this JVM if {@code sc} is null, else on Spark as {@code spark} says. */
        Stepper(Series series, ForecastOptions options, JavaSparkContext sc, SparkTraining spark) {
            model = Synthetic.model(series, options, 5);
            gradients = sc == null
                    ? new ForecastTrainer(series, ForecastTask.plan(series, options), model.scaler(), options)
                            .localGradients()
                    : SparkGradients.on(sc, spark).open(model, series);
            adam = new Adam(model.net().parameters(), 1e-3);
        }

        void step(int[] origins, boolean timed) {
            long t0 = System.nanoTime();
            adam.zeroGrad();
            gradients.compute(model.net(), origins);
            Clip.clipGradNorm(model.net().parameters(), 1.0);
            adam.step();
            if (!timed) return;
            wall.add((System.nanoTime() - t0) / 1e6);
            if (gradients instanceof SparkGradients g) {
                SparkGradients.StepTiming t = g.lastStep();
                task.add(t.maxTaskNanos() / 1e6);
                overhead.add((t.wallNanos() - t.maxTaskNanos()) / 1e6);
            }
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        java.util.Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String json(Map<String, Object> m) {
        return new com.google.gson.Gson().toJson(m);
    }
}
