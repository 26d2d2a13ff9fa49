package org.rnn4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.rnn4j.nn.CellType;
import org.rnn4j.nn.RecurrentConfig;
import org.rnn4j.tasks.forecast.ForecastModel;
import org.rnn4j.tasks.forecast.ForecastModelFile;
import org.rnn4j.tasks.forecast.ForecastNet;
import org.rnn4j.tasks.forecast.ForecastOptions;
import org.rnn4j.tasks.forecast.ForecastPlan;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.ModelColumns;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.TimeAxis;
import org.rnn4j.tasks.forecast.WindowScaler;
import org.rnn4j.tensor.Tensor;

/** Small series and models for the tests: fast to build, with every weight doing something. */
final class TestModels {
    private TestModels() {}

    /** {@code n} monthly-like points: a level that grows, a season of 12 scaled by it, noise; and a feature. */
    static Series series(int n, long seed, boolean withFeature) {
        Random r = new Random(seed);
        double[] y = new double[n];
        double[] temp = new double[n];
        for (int t = 0; t < n; t++) {
            temp[t] = 10 + 8 * Math.sin(2 * Math.PI * (t + 3) / 12) + r.nextGaussian();
            y[t] = (100 + 0.5 * t) * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12)) + 0.3 * temp[t] + r.nextGaussian();
        }
        boolean[] observed = new boolean[n];
        java.util.Arrays.fill(observed, true);
        return withFeature
                ? new Series("test", null, "sales", List.of("temp"), TimeAxis.rows(), y, new double[][] {temp},
                        observed, 0, 0)
                : new Series("test", null, "sales", List.of(), TimeAxis.rows(), y, new double[0][], observed, 0, 0);
    }

    /** An untrained model for {@code series} whose heads are perturbed, so the output depends on every weight. */
    static ForecastModel model(Series series, CellType cell, int hidden, long seed) {
        ForecastOptions o = ForecastOptions.options().season(12).horizon(6).lookback(24);
        ForecastPlan plan = ForecastTask.plan(series, o);
        WindowScaler scaler = WindowScaler.fit(series, plan);
        Tensor.manualSeed(seed);
        ForecastNet net = new ForecastNet(RecurrentConfig.of(cell, series.channels(), hidden), plan.lookback(),
                plan.horizon());
        for (Tensor p : net.parameters()) p.copyFrom(p.detach().add(Tensor.randn(p.shape()).mul(0.05f)));
        net.eval();
        return new ForecastModel(net, scaler, plan.lookback(), plan.horizon(), plan.season(),
                new ModelColumns(null, series.targetColumn(), series.featureColumns()), "rows");
    }

    static ModelFile file(ForecastModel model, Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        ForecastModelFile.save(f, model);
        return ModelFile.read(f);
    }
}
