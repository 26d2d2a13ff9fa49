package org.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.rnn4j.tasks.forecast.ForecastModel;

/**
 * The executor's side of {@link ForecastScorer}: the partition's rows, read lazily in batches, each
 * batch one forward of the JVM's shared model, each row given back with its forecast appended.
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** The broadcast model file, its hash and how to load it. */
    record Model(Broadcast<ModelFile> file, String hash, ModelLoader<ForecastModel> loader) implements Serializable {}

    /** Rows seen, and rows without a forecast. */
    record Counts(LongAccumulator rows, LongAccumulator unscored) implements Serializable {}

    private final Model model;
    /** The sequence column, then each feature column. */
    private final int[] columns;
    private final int batchSize;
    private final Counts counts;

    ScorePartition(Model model, int[] columns, int batchSize, Counts counts) {
        this.model = model;
        this.columns = columns.clone();
        this.batchSize = batchSize;
        this.counts = counts;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private ForecastModel loaded;

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && rows.hasNext()) fill();
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return ready.removeFirst();
            }

            private void fill() {
                if (loaded == null) loaded = ExecutorModels.shared(model.hash(), model.file()::value, model.loader());
                List<Row> batch = new ArrayList<>(batchSize);
                while (batch.size() < batchSize && rows.hasNext()) batch.add(rows.next());
                score(loaded, batch, ready);
            }
        };
    }

    /** Appends each row of {@code batch}, with its forecast or null, to {@code out}, in order. */
    private void score(ForecastModel m, List<Row> batch, ArrayDeque<Row> out) {
        List<double[]> targets = new ArrayList<>();
        List<double[][]> features = new ArrayList<>();
        int[] slot = new int[batch.size()];
        for (int r = 0; r < batch.size(); r++) {
            double[][] seq = read(batch.get(r), m.lookback());
            slot[r] = seq == null ? -1 : targets.size();
            if (seq == null) continue;
            targets.add(seq[0]);
            features.add(java.util.Arrays.copyOfRange(seq, 1, seq.length));
        }
        double[][] forecasts = m.predictLast(targets, features);
        long missing = 0;
        for (int r = 0; r < batch.size(); r++) {
            Row row = batch.get(r);
            Object[] values = new Object[row.length() + 1];
            for (int i = 0; i < row.length(); i++) values[i] = row.get(i);
            if (slot[r] >= 0) {
                values[row.length()] = scala.jdk.javaapi.CollectionConverters.asScala(box(forecasts[slot[r]])).toSeq();
            } else {
                missing++;
            }
            out.addLast(RowFactory.create(values));
        }
        counts.rows().add(batch.size());
        if (missing > 0) counts.unscored().add(missing);
    }

    /** The target history then each feature's, or null if the row cannot be scored. */
    private double[][] read(Row row, int lookback) {
        double[][] seq = new double[columns.length][];
        for (int k = 0; k < columns.length; k++) {
            seq[k] = SequenceValues.read(row, columns[k]);
            if (seq[k] == null || seq[k].length != seq[0].length) return null;
        }
        return seq[0].length < lookback ? null : seq;
    }

    private static List<Double> box(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) out.add(x);
        return out;
    }
}
