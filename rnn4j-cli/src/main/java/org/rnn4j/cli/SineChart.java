package org.rnn4j.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Circle;
import org.knowm.xchart.style.markers.Diamond;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnn4j.examples.SineForecaster;

/**
 * The sine forecast as a PNG, like the tutorial's matplotlib figure: the truth as a line with small
 * markers, the forecast as points, and the true points given to the model before the free run
 * marked apart.
 */
final class SineChart {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    private static final Color TRUTH = new Color(0x1f77b4); // matplotlib's first colours
    private static final Color FORECAST = new Color(0xff7f0e);
    private static final Color GIVEN = new Color(0x2ca02c);

    private SineChart() {}

    static byte[] png(SineForecaster.Forecast f, String title) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart(f, title), BitmapEncoder.BitmapFormat.PNG);
    }

    static XYChart chart(SineForecaster.Forecast f, String title) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("t")
                .yAxisTitle("sin(t)").build();
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLegendBorderColor(Color.WHITE);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setYAxisMin(-1.25).setYAxisMax(1.25);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisDecimalPattern("0.0#");

        int n = f.time().length;
        int given = Math.min(Math.max(f.warmupPoints(), 0), n);
        XYSeries truth = chart.addSeries("truth", f.time(), f.truth());
        truth.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        truth.setLineColor(TRUTH).setLineWidth(1.5f);
        truth.setMarker(scaled(new Circle(), 0.5)).setMarkerColor(TRUTH);

        if (given > 0) {
            String label = given == 1 ? "given (start of the free run)" : "given (" + given + " warm-up points)";
            XYSeries warm = chart.addSeries(label,
                    Arrays.copyOfRange(f.time(), 0, given), Arrays.copyOfRange(f.truth(), 0, given));
            warm.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            warm.setMarker(scaled(new Diamond(), 1.2)).setMarkerColor(GIVEN);
        }

        int predicted = 0;
        float[] px = new float[n];
        float[] py = new float[n];
        for (int i = given; i < n && i < f.prediction().length; i++) {
            if (Float.isNaN(f.prediction()[i])) continue;
            px[predicted] = f.time()[i];
            py[predicted++] = f.prediction()[i];
        }
        if (predicted > 0) {
            XYSeries forecast = chart.addSeries("forecast", Arrays.copyOf(px, predicted), Arrays.copyOf(py, predicted));
            forecast.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            forecast.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(FORECAST);
        }
        return chart;
    }

    /** A marker drawn at {@code factor} times the chart's marker size. */
    private static Marker scaled(Marker base, double factor) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
                base.paint(g, xOffset, yOffset, (int) Math.max(2, Math.round(markerSize * factor)));
            }
        };
    }
}
