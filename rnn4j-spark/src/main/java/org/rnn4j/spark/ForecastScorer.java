package org.rnn4j.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.rnn4j.tasks.forecast.ForecastModel;

/**
 * Distributed batch inference of a forecast model: every row of a DataFrame is a sequence (its
 * history of the model's target column, and of each feature column the model reads), and gets a
 * new column with the forecast of the next H points after its end.
 *
 * <p>The model file's bytes are broadcast once; each executor JVM loads the model once
 * ({@link ExecutorModels#shared}, by the file's SHA-256) and scores its partitions lazily in
 * batches of {@link Options#batchSize} rows, one batched forward each
 * ({@link ForecastModel#predictLast}). Each forecast equals the single-JVM
 * {@code ForecastModel.predict} at the sequence's last point, bit for bit. A row that cannot be
 * scored (a missing or unparsable cell, a history shorter than the lookback, a feature history of
 * another length) gets null, and is counted in {@link Scored#unscored()}.
 */
public final class ForecastScorer {
    private ForecastScorer() {}

    /**
     * @param sequenceColumn   the column with the target's history (null: the model's target column name)
     * @param predictionColumn the new column: array of H doubles, in the sequences' units
     * @param batchSize        rows per forward
     */
    public record Options(String sequenceColumn, String predictionColumn, int batchSize) {
        public Options {
            if (predictionColumn == null || predictionColumn.isBlank()) {
                throw new IllegalArgumentException("prediction column must be a name, got '" + predictionColumn + "'");
            }
            if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        }

        /** The target's column named as in the model, a {@code prediction} column, batches of 512. */
        public static Options defaults() {
            return new Options(null, "prediction", 512);
        }

        public Options sequenceColumn(String v) {
            return new Options(v, predictionColumn, batchSize);
        }

        public Options predictionColumn(String v) {
            return new Options(sequenceColumn, v, batchSize);
        }

        public Options batchSize(int v) {
            return new Options(sequenceColumn, predictionColumn, v);
        }
    }

    /**
     * The scored rows (lazy: nothing runs until an action), and the counts of rows scored and of
     * rows without a forecast, known once an action has run (they count each time the rows are
     * computed: a retried task, or a second action, counts again).
     */
    public record Scored(Dataset<Row> rows, LongAccumulator scored, LongAccumulator unscored) {}

    /**
     * Scores every row of {@code input} with the forecast model in {@code file}.
     *
     * @throws IllegalArgumentException if a column the model needs is missing or not a sequence
     *     (array of numbers or string), or the prediction column exists already
     * @throws IOException if the file is not a forecast model
     */
    public static Scored score(Dataset<Row> input, ModelFile file, Options options) throws IOException {
        ForecastModel model = file.load(ModelLoader.forecast()); // on the driver: the columns it needs
        StructType schema = input.schema();
        List<String> needed = new ArrayList<>();
        needed.add(options.sequenceColumn() != null ? options.sequenceColumn() : model.columns().target());
        needed.addAll(model.columns().features());
        int[] columns = new int[needed.size()];
        for (int k = 0; k < columns.length; k++) columns[k] = column(schema, needed.get(k), k == 0);
        if (List.of(schema.fieldNames()).contains(options.predictionColumn())) {
            throw new IllegalArgumentException("the input already has a column '" + options.predictionColumn()
                    + "' (choose another prediction column)");
        }
        StructType out = schema.add(new StructField(options.predictionColumn(),
                DataTypes.createArrayType(DataTypes.DoubleType, false), true, org.apache.spark.sql.types.Metadata.empty()));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
        Broadcast<ModelFile> shipped = sc.broadcast(file);
        ScorePartition.Counts counts = new ScorePartition.Counts(sc.sc().longAccumulator("rnn4j rows scored"),
                sc.sc().longAccumulator("rnn4j rows without a forecast"));
        ScorePartition scorer = new ScorePartition(new ScorePartition.Model(shipped, file.sha256(), ModelLoader.forecast()),
                columns, options.batchSize(), counts);
        return new Scored(input.mapPartitions(scorer, Encoders.row(out)), counts.rows(), counts.unscored());
    }

    private static int column(StructType schema, String name, boolean target) {
        List<String> names = List.of(schema.fieldNames());
        int i = names.indexOf(name);
        String role = target ? "the sequence column" : "feature column";
        if (i < 0) {
            throw new IllegalArgumentException("the input has no " + role + " '" + name + "' (columns: "
                    + String.join(", ", names) + ")");
        }
        if (!SequenceValues.readable(schema.fields()[i].dataType())) {
            throw new IllegalArgumentException(role + " '" + name + "' must hold sequences (an array of numbers, or a"
                    + " string like \"1;2;3\"), got " + schema.fields()[i].dataType().simpleString());
        }
        return i;
    }
}
