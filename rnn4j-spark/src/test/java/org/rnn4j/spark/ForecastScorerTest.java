package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.nn.CellType;
import org.rnn4j.tasks.forecast.ForecastModel;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.TimeAxis;

/** Distributed batch inference against the single JVM. */
class ForecastScorerTest {
    @TempDir
    Path tmp;

    static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType)
            .add("sales", DataTypes.createArrayType(DataTypes.DoubleType)).add("temp",
                    DataTypes.createArrayType(DataTypes.DoubleType));

    /** Sequences as rows (id, sales, temp) and as arrays ([id][0] sales, [id][1] temp). */
    record Sequences(List<Row> rows, double[][][] arrays) {}

    /** {@code n} sequences cut from a long series: lengths from the lookback to 20 more, random ends. */
    static Sequences sequences(Series s, int n, int lookback, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        double[][][] arrays = new double[n][][];
        for (int i = 0; i < n; i++) {
            int length = lookback + r.nextInt(21);
            int end = length + r.nextInt(s.length() - length + 1);
            arrays[i] = new double[][] {Arrays.copyOfRange(s.target(), end - length, end),
                Arrays.copyOfRange(s.features()[0], end - length, end)};
            rows.add(RowFactory.create((long) i, boxed(arrays[i][0]), boxed(arrays[i][1])));
        }
        return new Sequences(rows, arrays);
    }

    /** An array cell as Spark's rows hold it: a Scala Seq. */
    static scala.collection.immutable.Seq<Double> boxed(double[] v) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.stream(v).boxed().toList()).toSeq();
    }

    static double[] unboxed(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** What single-JVM forecasting gives: ForecastModel.predict on the sequence as a series, at its last point. */
    static double[] singleJvm(ForecastModel m, double[] y, double[] temp) {
        boolean[] observed = new boolean[y.length];
        Arrays.fill(observed, true);
        Series s = new Series("one", null, "sales", List.of("temp"), TimeAxis.rows(), y, new double[][] {temp},
                observed, 0, 0);
        return m.predict(s, new int[] {y.length - 1})[0];
    }

    @Test
    void tenThousandSequencesScoreAsInTheSingleJvmBitForBitWithOneModelLoad() throws Exception {
        Series s = TestModels.series(600, 1, true);
        ForecastModel model = TestModels.model(s, CellType.LSTM, 12, 11);
        ModelFile file = TestModels.file(model, tmp, "model.safetensors");
        Sequences seqs = sequences(s, 10_000, model.lookback(), 2);
        Dataset<Row> input = SparkTestSession.session().createDataFrame(SparkTestSession.context().parallelize(seqs.rows(), 7),
                SCHEMA);

        ForecastScorer.Scored scored = ForecastScorer.score(input, file, ForecastScorer.Options.defaults().batchSize(300));
        List<Row> out = scored.rows().collectAsList();

        assertEquals(10_000, out.size());
        assertEquals(List.of("id", "sales", "temp", "prediction"), List.of(scored.rows().schema().fieldNames()));
        for (Row row : out) {
            double[][] in = seqs.arrays()[(int) row.getLong(0)];
            double[] expected = singleJvm(model, in[0], in[1]);
            double[] got = unboxed(row.getList(3));
            assertEquals(model.horizon(), got.length);
            for (int k = 0; k < got.length; k++) {
                assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(got[k]),
                        "row " + row.getLong(0) + " step " + (k + 1) + ": " + expected[k] + " vs " + got[k]);
            }
        }
        assertEquals(0L, scored.unscored().value());
        ExecutorModels.Stats stats = ExecutorModels.stats(file.sha256());
        assertEquals(1, stats.loads(), "one load in this executor JVM for 7 partitions: " + stats);
        assertEquals(0, stats.lent());
    }

    @Test
    void csvStyleStringsScoreTheSameAndUnscorableRowsGetNull() throws Exception {
        Series s = TestModels.series(300, 3, true);
        ForecastModel model = TestModels.model(s, CellType.GRU, 6, 4);
        ModelFile file = TestModels.file(model, tmp, "gru.safetensors");
        StructType strings = new StructType().add("name", DataTypes.StringType).add("history", DataTypes.StringType)
                .add("temp", DataTypes.StringType);
        double[] y = Arrays.copyOfRange(s.target(), 100, 140);
        double[] temp = Arrays.copyOfRange(s.features()[0], 100, 140);
        List<Row> rows = List.of(
                RowFactory.create("ok", join(y, ";"), join(temp, " ")),
                RowFactory.create("short", join(Arrays.copyOf(y, model.lookback() - 1), ";"),
                        join(Arrays.copyOf(temp, model.lookback() - 1), ";")),
                RowFactory.create("null", null, join(temp, ";")),
                RowFactory.create("text", join(y, ";") + ";n/a", join(temp, ";") + ";1"),
                RowFactory.create("ragged", join(y, ";"), join(Arrays.copyOf(temp, 39), ";")));
        Dataset<Row> input = SparkTestSession.session().createDataFrame(rows, strings);
        ForecastScorer.Scored scored = ForecastScorer.score(input, file,
                ForecastScorer.Options.defaults().sequenceColumn("history").predictionColumn("forecast"));
        List<Row> out = scored.rows().collectAsList(); // one evaluation: the count is of it
        Row ok = out.stream().filter(r -> r.getString(0).equals("ok")).findFirst().orElseThrow();
        assertNotNull(ok.get(3));
        assertArrayEquals(singleJvm(model, y, temp), unboxed(ok.getList(3)), 0);
        for (Row r : out) if (!r.getString(0).equals("ok")) assertNull(r.get(3), r.getString(0));
        assertEquals(4L, scored.unscored().value());
    }

    @Test
    void missingOrWrongColumnsAreRefusedBeforeAnythingRuns() throws Exception {
        Series s = TestModels.series(300, 3, true);
        ModelFile file = TestModels.file(TestModels.model(s, CellType.RNN, 4, 1), tmp, "rnn.safetensors");
        Dataset<Row> noTemp = SparkTestSession.session().createDataFrame(List.of(RowFactory.create(1L, boxed(new double[] {1}))),
                new StructType().add("id", DataTypes.LongType).add("sales", DataTypes.createArrayType(DataTypes.DoubleType)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForecastScorer.score(noTemp, file, ForecastScorer.Options.defaults()));
        assertEquals("the input has no feature column 'temp' (columns: id, sales)", e.getMessage());
        Dataset<Row> numbers = SparkTestSession.session().createDataFrame(List.of(RowFactory.create(1L, 2.0, "3")),
                new StructType().add("id", DataTypes.LongType).add("sales", DataTypes.DoubleType)
                        .add("temp", DataTypes.StringType));
        e = assertThrows(IllegalArgumentException.class,
                () -> ForecastScorer.score(numbers, file, ForecastScorer.Options.defaults()));
        assertTrue(e.getMessage().startsWith("the sequence column 'sales' must hold sequences"), e.getMessage());
        Dataset<Row> clash = SparkTestSession.session().createDataFrame(List.of(RowFactory.create("1", "2", "3")),
                new StructType().add("sales", DataTypes.StringType).add("temp", DataTypes.StringType)
                        .add("prediction", DataTypes.StringType));
        e = assertThrows(IllegalArgumentException.class,
                () -> ForecastScorer.score(clash, file, ForecastScorer.Options.defaults()));
        assertTrue(e.getMessage().startsWith("the input already has a column 'prediction'"), e.getMessage());
    }

    static String join(double[] v, String sep) {
        StringBuilder b = new StringBuilder();
        for (double x : v) b.append(b.length() == 0 ? "" : sep).append(x);
        return b.toString();
    }
}
