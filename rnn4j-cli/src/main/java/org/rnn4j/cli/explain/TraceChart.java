package org.rnn4j.cli.explain;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link Trace}'s gates and states over time as PNG line charts, one panel per
 * {@link Trace.Panel}, stacked vertically; one line per unit of each vector ("c[0]", "c[1]", ...).
 */
public final class TraceChart {
    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 380;

    private TraceChart() {}

    public static void save(Trace tr, Path file) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (Trace.Panel p : tr.panels()) images.add(BitmapEncoder.getBufferedImage(chart(tr, p)));
        BufferedImage all = new BufferedImage(WIDTH, PANEL_HEIGHT * images.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < images.size(); i++) g.drawImage(images.get(i), 0, i * PANEL_HEIGHT, null);
        g.dispose();
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(all, "png", out)) throw new IOException("no PNG writer available");
        }
    }

    static XYChart chart(Trace tr, Trace.Panel panel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT)
                .title(tr.title() + ": " + panel.title()).xAxisTitle("time step t").yAxisTitle("value").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        double[] ts = new double[tr.steps()];
        for (int t = 0; t < ts.length; t++) ts[t] = t;
        for (String name : panel.names()) {
            int units = tr.get(0, name).length;
            for (int j = 0; j < units; j++) {
                double[] ys = new double[tr.steps()];
                for (int t = 0; t < ys.length; t++) ys[t] = tr.get(t, name)[j];
                String label = units == 1 ? name : name + "[" + j + "]";
                chart.addSeries(label, ts, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }
}
