package org.rnn4j.cli;

import java.io.IOException;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnn4j.tasks.forecast.ForecastTrainer;

/** loss.png: training and validation loss by epoch, the kept (best) epoch marked. */
final class LossChart {
    private LossChart() {}

    static byte[] png(ForecastTrainer.Result r, String title) throws IOException {
        XYChart chart = ChartStyle.chart(ForecastChart.WIDTH, 450, title, "epoch", "L1 loss (normalised units)");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("0");
        add(chart, "train", r.trainLoss(), ChartStyle.BLUE);
        add(chart, "validation", r.validationLoss(), ChartStyle.ORANGE);
        if (r.bestEpoch() > 0) {
            XYSeries best = chart.addSeries("best epoch " + r.bestEpoch() + " (kept)", new double[] {r.bestEpoch()},
                    new double[] {r.validationLoss().get(r.bestEpoch() - 1)});
            best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            best.setMarker(SeriesMarkers.DIAMOND);
            best.setMarkerColor(ChartStyle.RED);
        }
        return ChartStyle.stacked(ForecastChart.WIDTH, chart);
    }

    private static void add(XYChart chart, String name, List<Double> loss, java.awt.Color color) {
        double[] x = new double[loss.size()];
        double[] y = new double[loss.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = loss.get(i);
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }
}
