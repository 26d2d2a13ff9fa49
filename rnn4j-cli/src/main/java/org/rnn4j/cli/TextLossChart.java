package org.rnn4j.cli;

import java.io.IOException;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnn4j.tasks.text.TrainingHistory;

/**
 * loss.png of {@code text train}: the training bpc of every step (light), its moving average over
 * {@value #SMOOTH} steps, and the validation bpc where it was measured.
 */
final class TextLossChart {
    static final int SMOOTH = 25;

    private TextLossChart() {}

    static byte[] png(TrainingHistory h, String title) throws IOException {
        XYChart chart = ChartStyle.chart(ForecastChart.WIDTH, 500, title, "step", "bits per character");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setXAxisMin(0.0); // round ticks (0, 100, ...) rather than ones counted from step 1
        double[] bpc = h.trainBpcByStep();
        if (bpc.length > 0) {
            double[] x = new double[bpc.length];
            double[] mean = new double[bpc.length];
            double sum = 0;
            for (int i = 0; i < bpc.length; i++) {
                x[i] = i + 1;
                sum += bpc[i] - (i >= SMOOTH ? bpc[i - SMOOTH] : 0);
                mean[i] = sum / Math.min(i + 1, SMOOTH);
            }
            line(chart, "train (each step)", x, bpc, new java.awt.Color(0xaec7e8), SeriesMarkers.NONE);
            line(chart, "train (mean of " + SMOOTH + " steps)", x, mean, ChartStyle.BLUE, SeriesMarkers.NONE);
        }
        List<TrainingHistory.Validation> v = h.validation();
        if (!v.isEmpty()) {
            double[] x = new double[v.size()];
            double[] y = new double[v.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = v.get(i).step();
                y[i] = v.get(i).bpc();
            }
            line(chart, "validation", x, y, ChartStyle.ORANGE, SeriesMarkers.CIRCLE);
        }
        return ChartStyle.stacked(ForecastChart.WIDTH, chart);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, java.awt.Color color,
                             org.knowm.xchart.style.markers.Marker marker) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(marker);
        s.setMarkerColor(color);
        s.setLineColor(color);
    }
}
