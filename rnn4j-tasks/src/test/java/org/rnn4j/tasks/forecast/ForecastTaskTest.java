package org.rnn4j.tasks.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tensor.Tensor;

class ForecastTaskTest {
    @TempDir
    Path tmp;

    /** 240 months of trend, a season whose amplitude grows with the level, and noise. */
    static Series monthly() throws SeriesFormatException {
        StringBuilder csv = new StringBuilder("month,y\n");
        Random r = new Random(7);
        for (int t = 0; t < 240; t++) {
            double level = 100 + t;
            double y = level * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12)) + r.nextGaussian();
            csv.append(String.format(java.util.Locale.ROOT, "%04d-%02d,%.4f%n", 2000 + t / 12, t % 12 + 1, y));
        }
        return CsvSeriesReaderTest.read(csv.toString(), SeriesSpec.of("y"));
    }

    static final ForecastOptions SMALL = ForecastOptions.options().hidden(8).epochs(8).seed(3);

    @Test
    void trainsTestsAndBeatsSeasonalNaiveOnAGrowingSeason() throws Exception {
        List<TrainingListener.EpochReport> reports = new ArrayList<>();
        ForecastTask.Trained t = ForecastTask.train(monthly(), SMALL, reports::add);
        assertEquals(t.training().epochs(), reports.size());
        assertEquals(t.training().bestEpoch(), reports.get(reports.size() - 1).bestEpoch());
        Evaluation e = t.evaluation();
        assertEquals(t.plan().testOrigins(), e.origins().length);
        // seasonal naive misses the trend by a year of growth every step; the model must not
        assertTrue(e.scores().model().mase() < e.scores().seasonalNaive().mase(),
                e.scores().model() + " vs " + e.scores().seasonalNaive());
        for (double[] row : e.model()) for (double v : row) assertTrue(Double.isFinite(v));
    }

    @Test
    void theSameSeedGivesTheSameModel() throws Exception {
        Series s = monthly();
        ForecastTask.Trained a = ForecastTask.train(s, SMALL.epochs(3), TrainingListener.none());
        ForecastTask.Trained b = ForecastTask.train(s, SMALL.epochs(3), TrainingListener.none());
        assertArrayEquals(a.evaluation().model()[0], b.evaluation().model()[0], 0);
        assertEquals(a.training().trainLoss(), b.training().trainLoss());
        ForecastTask.Trained c = ForecastTask.train(s, SMALL.epochs(3).seed(4), TrainingListener.none());
        assertTrue(c.evaluation().model()[0][0] != a.evaluation().model()[0][0], "another seed, another model");
    }

    @Test
    void theBestEpochsWeightsAreKept() throws Exception {
        Series s = monthly();
        ForecastPlan plan = ForecastTask.plan(s, SMALL);
        WindowScaler scaler = WindowScaler.fit(s, plan);
        Tensor.manualSeed(0);
        ForecastNet net = new ForecastNet(RecurrentConfig.of(CellType.GRU, 1, 8), plan.lookback(), plan.horizon());
        ForecastTrainer trainer = new ForecastTrainer(s, plan, scaler, SMALL);
        ForecastTrainer.Result r = trainer.train(net, TrainingListener.none());
        double best = r.validationLoss().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(best, r.validationLoss().get(r.bestEpoch() - 1), 0);
        int[] validation = ForecastTrainer.range(plan.firstValidationOrigin(), plan.lastValidationOrigin());
        assertEquals(best, trainer.evaluate(net, validation), 1e-6, "the restored weights score the best loss");
    }

    @Test
    void modelFileRoundTripsAndPredictsPastTheEnd() throws Exception {
        Series s = monthly();
        ForecastTask.Trained t = ForecastTask.train(s, SMALL.epochs(2), TrainingListener.none());
        Path file = tmp.resolve("model.safetensors");
        ForecastModelFile.save(file, t.model());
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        ForecastModel loaded = ForecastModelFile.load(file);
        assertEquals(t.model().lookback(), loaded.lookback());
        assertEquals(t.model().columns(), loaded.columns());
        assertEquals(t.model().scaler().sigma(), loaded.scaler().sigma(), 0);
        int[] origins = {100, 200, s.length() - 1};
        double[][] before = t.model().predict(s, origins);
        double[][] after = loaded.predict(s, origins);
        for (int i = 0; i < origins.length; i++) assertArrayEquals(before[i], after[i], 0);

        ForecastTask.Prediction p = ForecastTask.predict(loaded, s, 5);
        assertEquals(List.of("2020-01", "2020-02", "2020-03", "2020-04", "2020-05"), p.times());
        assertArrayEquals(java.util.Arrays.copyOf(before[2], 5), p.values(), 0);
        assertThrows(IllegalArgumentException.class, () -> ForecastTask.predict(loaded, s, t.model().horizon() + 1));
        StringBuilder daily = new StringBuilder("month,y\n");
        for (int d = 1; d <= 60; d++) daily.append(java.time.LocalDate.of(2020, 1, 1).plusDays(d)).append(",1\n");
        Series days = CsvSeriesReaderTest.read(daily.toString(), SeriesSpec.of("y"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForecastTask.predict(loaded, days, 0));
        assertEquals("the series is daily but the model was trained on a monthly series", e.getMessage());
    }

    @Test
    void foreignAndDamagedModelFilesAreIOExceptions() throws Exception {
        Path plain = tmp.resolve("plain.safetensors");
        SafeTensors.save(plain, Map.of("w", Tensor.zeros(2)));
        IOException e = assertThrows(IOException.class, () -> ForecastModelFile.load(plain));
        assertTrue(e.getMessage().contains("not an rnn4j model file"), e.getMessage());
        Path other = tmp.resolve("other.safetensors");
        org.rnn4j.io.Models.save(other, new org.rnn4j.nn.Linear(2, 3));
        e = assertThrows(IOException.class, () -> ForecastModelFile.load(other));
        assertTrue(e.getMessage().contains("not an rnn4j forecast model (a Linear"), e.getMessage());
        Path damaged = tmp.resolve("damaged.safetensors");
        ForecastNet net = new ForecastNet(org.rnn4j.nn.RecurrentConfig.of(org.rnn4j.nn.CellType.GRU, 1, 4), 6, 2);
        org.rnn4j.io.Models.save(damaged, net, Map.of(ForecastModelFile.KEY, "{\"format_version\":2}"));
        assertTrue(assertThrows(IOException.class, () -> ForecastModelFile.load(damaged)).getMessage()
                .contains("damaged"));
    }
}
