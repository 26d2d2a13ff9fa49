package org.rnn4j.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.tasks.forecast.Evaluation;
import org.rnn4j.tasks.forecast.ForecastPlan;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.Metrics;
import org.rnn4j.tasks.forecast.Series;

/** The text outputs of {@code forecast train}: the summary line, forecast.csv and metrics.json. */
final class ForecastReport {
    private ForecastReport() {}

    static String describe(Series s, ForecastPlan p) {
        String filled = s.filled() == 0 ? "no gaps" : s.filled() + " missing values filled in by linear interpolation"
                + (s.gapPoints() > 0 ? " (" + s.gapPoints() + " skipped times)" : "");
        return String.format(Locale.ROOT, "%s: %d points, %s, %s; season %d, horizon %d, lookback %d; train %d points "
                + "(%d training and %d validation windows), test %d points (%d origins)", s.source(), s.length(),
                s.axis().frequency(), filled, p.season(), p.horizon(), p.lookback(), p.trainPoints(), p.trainWindows(),
                p.validationWindows(), p.testPoints(), p.testOrigins());
    }

    /** {@code origin,step,time,truth,prediction}: every test forecast; the truth is empty where it was filled in. */
    static void writeCsv(ForecastTask.Trained t, OutputStream o) throws IOException {
        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        Evaluation e = t.evaluation();
        StringBuilder sb = new StringBuilder("origin,step,time,truth,prediction\n");
        for (int i = 0; i < e.origins().length; i++) {
            int origin = e.origins()[i];
            for (int h = 0; h < e.model()[i].length; h++) {
                double truth = e.truth()[i][h];
                sb.append(origin).append(',').append(h + 1).append(',')
                        .append(t.series().axis().label(origin + h + 1)).append(',')
                        .append(Double.isNaN(truth) ? "" : number(truth)).append(',')
                        .append(number(e.model()[i][h])).append('\n');
            }
            if (sb.length() > 1 << 16) {
                w.write(sb.toString());
                sb.setLength(0);
            }
        }
        w.write(sb.toString());
        w.flush();
    }

    static void writeMetrics(ForecastTask.Trained t, double seconds, long seed, OutputStream o) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Evaluation.Scores s = t.evaluation().scores();
        ForecastPlan p = t.plan();
        m.put("test", metrics(s.model()));
        Map<String, Object> baselines = new LinkedHashMap<>();
        baselines.put("naive", metrics(s.naive()));
        baselines.put("seasonal_naive", metrics(s.seasonalNaive()));
        m.put("baselines", baselines);
        m.put("season", p.season());
        m.put("horizon", p.horizon());
        m.put("lookback", p.lookback());
        m.put("train_points", p.trainPoints());
        m.put("test_points", p.testPoints());
        m.put("epochs", t.training().epochs());
        m.put("seconds", seconds);
        m.put("best_epoch", t.training().bestEpoch());
        m.put("train_seconds", t.trainSeconds());
        m.put("origins", t.evaluation().origins().length);
        m.put("mase_scale", t.evaluation().scale());
        m.put("points", t.series().length());
        m.put("filled_values", t.series().filled());
        m.put("frequency", t.series().axis().frequency());
        m.put("cell", t.model().net().config().cell().name().toLowerCase(Locale.ROOT));
        m.put("hidden", t.model().net().config().hiddenSize());
        m.put("layers", t.model().net().config().numLayers());
        m.put("seed", seed);
        m.put("jdk", Runtime.version().toString());
        m.put("rnn4j", Main.version());
        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(m, w);
        w.write('\n');
        w.flush();
    }

    private static Map<String, Object> metrics(Metrics x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mae", x.mae());
        m.put("rmse", x.rmse());
        m.put("smape", x.smape());
        m.put("mase", x.mase());
        return m;
    }

    /** Shortest text that reads back as the same float (predictions are float32 at heart). */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString((float) v);
    }
}
