package org.rnn4j.cli;

import java.awt.BasicStroke;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnn4j.tasks.forecast.Evaluation;
import org.rnn4j.tasks.forecast.ForecastTask;
import org.rnn4j.tasks.forecast.Series;
import org.rnn4j.tasks.forecast.TimeAxis;

/**
 * forecast.png: on top the history, the truth and the model's forecast from the last test origin
 * (with seasonal naive's for comparison); below, the test MAE by horizon step of the model, naive
 * and seasonal naive over all origins.
 */
final class ForecastChart {
    static final int WIDTH = 900;
    /** At most this many points of history are drawn before the last origin. */
    static final int HISTORY = 400;

    private ForecastChart() {}

    static byte[] png(ForecastTask.Trained t) throws IOException {
        return ChartStyle.stacked(WIDTH, lastOrigin(t), byStep(t));
    }

    static XYChart lastOrigin(ForecastTask.Trained t) {
        Series s = t.series();
        Evaluation e = t.evaluation();
        int last = e.origins().length - 1;
        int origin = e.origins()[last];
        int h = t.plan().horizon();
        String title = String.format(Locale.ROOT, "%s: forecast from %s (last test origin), %s %s", s.targetColumn(),
                s.axis().label(origin), t.model().net().config().cell().name(), "test MASE "
                + String.format(Locale.ROOT, "%.3f", e.scores().model().mase()));
        XYChart chart = ChartStyle.chart(WIDTH, 500, title, s.timeColumn() == null ? "row" : s.timeColumn(),
                s.targetColumn());
        int from = Math.max(0, origin + 1 - HISTORY);
        line(chart, "history", s, from, origin, null, ChartStyle.BLUE);
        XYSeries truth = line(chart, "truth", s, origin, origin + h, null, ChartStyle.GREY);
        truth.setMarker(SeriesMarkers.CIRCLE);
        XYSeries naive = line(chart, "seasonal naive", s, origin, origin + h, e.seasonalNaive()[last], ChartStyle.GREEN);
        naive.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {5f, 4f}, 0f));
        XYSeries model = line(chart, "rnn4j forecast", s, origin, origin + h, e.model()[last], ChartStyle.ORANGE);
        model.setMarker(SeriesMarkers.DIAMOND);
        model.setLineWidth(2f);
        return chart;
    }

    /** Points {@code from..to} of the series, or of {@code forecast} (steps 1..H after {@code from}, joined to y[from]). */
    private static XYSeries line(XYChart chart, String name, Series s, int from, int to, double[] forecast,
                                 java.awt.Color color) {
        List<Object> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int k = from; k <= to; k++) {
            x.add(xValue(s.axis(), k));
            y.add(forecast == null || k == from ? s.target()[k] : forecast[k - from - 1]);
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setMarkerColor(color);
        return series;
    }

    /** A Date for axes with dates, else the integer. */
    static Object xValue(TimeAxis axis, long k) {
        long o = axis.ordinal(k);
        return switch (axis.kind()) {
            case ROW, INDEX -> (double) o;
            case DATE -> Date.from(LocalDate.ofEpochDay(o).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            case MONTH -> Date.from(YearMonth.of((int) Math.floorDiv(o, 12), (int) Math.floorMod(o, 12) + 1).atDay(1)
                    .atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            case DATE_TIME -> new Date(o * 1000);
        };
    }

    static XYChart byStep(ForecastTask.Trained t) {
        Evaluation e = t.evaluation();
        XYChart chart = ChartStyle.chart(WIDTH, 360, "Test MAE by horizon step over " + e.origins().length + " origins",
                "step", "MAE");
        chart.getStyler().setXAxisDecimalPattern("0");
        step(chart, "rnn4j (MASE " + fmt(e.scores().model().mase()) + ")", e.maeByStep(e.model()), ChartStyle.ORANGE);
        step(chart, "seasonal naive (MASE " + fmt(e.scores().seasonalNaive().mase()) + ")",
                e.maeByStep(e.seasonalNaive()), ChartStyle.GREEN);
        step(chart, "naive (MASE " + fmt(e.scores().naive().mase()) + ")", e.maeByStep(e.naive()), ChartStyle.RED);
        return chart;
    }

    private static void step(XYChart chart, String name, double[] mae, java.awt.Color color) {
        double[] x = new double[mae.length];
        for (int k = 0; k < x.length; k++) x[k] = k + 1;
        XYSeries s = chart.addSeries(name, x, mae);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(color);
        s.setMarkerColor(color);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
