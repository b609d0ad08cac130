package dev.parley.client.load.report;

import dev.parley.client.load.engine.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** The report's three charts stacked in one PNG, drawn headless with Java2D. */
final class PngChart {

    static final int WIDTH = 1000;
    static final int CHART_HEIGHT = 340;

    private PngChart() {
    }

    static void write(RunResult r, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Chart> charts = List.of(Chart.throughput(r), Chart.latencyOverTime(r),
                Chart.distribution(r, Reports.model(r)));
        BufferedImage image = new BufferedImage(WIDTH, CHART_HEIGHT * charts.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D panel = (Graphics2D) g.create(0, i * CHART_HEIGHT, WIDTH, CHART_HEIGHT);
                charts.get(i).draw(canvas(panel), WIDTH, CHART_HEIGHT);
                panel.dispose();
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    private static Chart.Canvas canvas(Graphics2D g) {
        return new Chart.Canvas() {
            @Override
            public void line(double x1, double y1, double x2, double y2, String color, double width) {
                g.setColor(Color.decode(color));
                g.setStroke(new BasicStroke((float) width));
                g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
            }

            @Override
            public void polyline(double[] xs, double[] ys, String color, double width) {
                Path2D.Double path = new Path2D.Double();
                path.moveTo(xs[0], ys[0]);
                for (int i = 1; i < xs.length; i++) {
                    path.lineTo(xs[i], ys[i]);
                }
                g.setColor(Color.decode(color));
                g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(path);
            }

            @Override
            public void text(double x, double y, String text, int size, String color, int anchor) {
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
                g.setColor(Color.decode(color));
                FontMetrics metrics = g.getFontMetrics();
                int w = metrics.stringWidth(text);
                double at = anchor < 0 ? x : anchor == 0 ? x - w / 2.0 : x - w;
                g.drawString(text, (float) at, (float) y);
            }

            @Override
            public void rect(double x, double y, double w, double h, String fill) {
                g.setColor(Color.decode(fill));
                g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
            }
        };
    }
}
