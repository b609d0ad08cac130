package dev.parley.client.load.report;

import dev.parley.client.load.engine.RunResult;
import dev.parley.client.load.engine.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart as data, drawn onto a {@link Canvas}: the same chart becomes inline SVG in the
 * HTML page and Java2D pixels in the PNG. The percentile axis is logarithmic in 1/(1-p), as
 * HdrHistogram plots it, so the tail gets room.
 */
final class Chart {

    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f", "#bcbd22"};

    record Series(String name, String color, double[] x, double[] y) {
    }

    record Tick(double value, String label) {
    }

    /** What a chart is drawn with: SVG elements or Graphics2D calls. */
    interface Canvas {
        void line(double x1, double y1, double x2, double y2, String color, double width);

        void polyline(double[] xs, double[] ys, String color, double width);

        /** {@code anchor}: -1 left, 0 middle, 1 right. */
        void text(double x, double y, String text, int size, String color, int anchor);

        void rect(double x, double y, double w, double h, String fill);
    }

    final String title;
    final String xLabel;
    final String yLabel;
    final List<Series> series = new ArrayList<>();
    final boolean percentileAxis;

    Chart(String title, String xLabel, String yLabel, boolean percentileAxis) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.percentileAxis = percentileAxis;
    }

    /** The x position of a percentile on the log axis: 0 for 0 %, 1 for 90 %, 2 for 99 % … capped at 6. */
    static double percentileX(double percentile) {
        double rest = 1 - percentile / 100;
        return rest <= 1e-6 ? 6 : Math.min(6, Math.log10(1 / rest));
    }

    // ---- the three charts of a report ----

    static Chart throughput(RunResult r) {
        Chart chart = new Chart("Throughput", "seconds since start", "operations/s", false);
        int c = 0;
        for (Timer t : r.timers()) {
            if (t.name().indexOf('.') >= 0) {
                continue;
            }
            // A last interval much shorter than a second (the run's end) would show as a drop.
            List<Timer.Point> points = t.timeline().stream().filter(p -> p.seconds() >= 0.5).toList();
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            double[] e = new double[points.size()];
            boolean errors = false;
            for (int i = 0; i < points.size(); i++) {
                Timer.Point p = points.get(i);
                x[i] = p.t();
                y[i] = p.seconds() > 0 ? p.ok() / p.seconds() : 0;
                e[i] = p.seconds() > 0 ? p.errors() / p.seconds() : 0;
                errors |= p.errors() > 0;
            }
            chart.series.add(new Series(t.name() + " ok/s", COLORS[c++ % COLORS.length], x, y));
            if (errors) {
                chart.series.add(new Series(t.name() + " errors/s", COLORS[c++ % COLORS.length], x, e));
            }
        }
        return chart;
    }

    static Chart latencyOverTime(RunResult r) {
        Timer main = r.timers().stream().filter(t -> t.name().indexOf('.') < 0).findFirst().orElse(null);
        Chart chart = new Chart("Latency over time" + (main == null ? "" : ": " + main.name()), "seconds since start",
                "latency ms", false);
        if (main == null) {
            return chart;
        }
        List<Timer.Point> points = main.timeline().stream().filter(p -> p.ok() > 0 && p.seconds() >= 0.5).toList();
        double[] x = new double[points.size()];
        double[][] y = new double[4][points.size()];
        for (int i = 0; i < points.size(); i++) {
            Timer.Point p = points.get(i);
            x[i] = p.t();
            y[0][i] = p.p50();
            y[1][i] = p.p90();
            y[2][i] = p.p99();
            y[3][i] = p.max();
        }
        String[] names = {"p50", "p90", "p99", "max"};
        String[] colors = {"#2ca02c", "#1f77b4", "#ff7f0e", "#d62728"};
        for (int s = 0; s < 4; s++) {
            chart.series.add(new Series(names[s], colors[s], x, y[s]));
        }
        return chart;
    }

    @SuppressWarnings("unchecked")
    static Chart distribution(RunResult r, Map<String, Object> model) {
        Chart chart = new Chart("Latency by percentile (after the ramp-up)", "percentile", "latency ms", true);
        int c = 0;
        for (Object o : (List<Object>) model.get("timers")) {
            Map<String, Object> timer = (Map<String, Object>) o;
            List<Object> points = (List<Object>) timer.get("distribution");
            if (points.isEmpty()) {
                continue;
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            // The last point (100 %) goes just past the resolution the sample count gives, not to the axis end.
            double resolution = Math.min(6, Math.log10(Math.max(10, ((Number) timer.get("count")).doubleValue())));
            for (int i = 0; i < points.size(); i++) {
                Map<String, Object> p = (Map<String, Object>) points.get(i);
                double percentile = ((Number) p.get("percentile")).doubleValue();
                x[i] = percentile >= 100 ? Math.max(resolution, i > 0 ? x[i - 1] : 0) : percentileX(percentile);
                y[i] = ((Number) p.get("ms")).doubleValue();
            }
            chart.series.add(new Series((String) timer.get("name"), COLORS[c++ % COLORS.length], x, y));
        }
        return chart;
    }

    // ---- drawing ----

    void draw(Canvas g, double width, double height) {
        double left = 70;
        double right = 20;
        double top = 34;
        double legendRows = Math.ceil(series.size() / 4.0);
        double bottom = 46 + 16 * legendRows;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        g.rect(0, 0, width, height, "#ffffff");
        g.text(width / 2, 20, title, 15, "#222222", 0);

        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMax = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                xMin = Math.min(xMin, s.x[i]);
                xMax = Math.max(xMax, s.x[i]);
                yMax = Math.max(yMax, s.y[i]);
            }
        }
        if (percentileAxis) {
            xMin = 0;
            xMax = Math.max(2, Math.ceil(xMax));
        }
        if (xMin == Double.MAX_VALUE) {
            xMin = 0;
            xMax = 1;
        }
        if (xMax <= xMin) {
            xMax = xMin + 1;
        }
        List<Tick> yTicks = niceTicks(yMax <= 0 ? 1 : yMax * 1.05);
        double yTop = yTicks.get(yTicks.size() - 1).value();
        List<Tick> xTicks = percentileAxis ? percentileTicks((int) xMax) : niceTicks(xMin, xMax);
        final double fxMin = xMin;
        final double fxMax = xMax;
        java.util.function.DoubleUnaryOperator px = v -> left + (v - fxMin) / (fxMax - fxMin) * plotW;
        java.util.function.DoubleUnaryOperator py = v -> top + plotH - v / yTop * plotH;

        for (Tick t : yTicks) {
            double y = py.applyAsDouble(t.value());
            g.line(left, y, left + plotW, y, "#e5e5e5", 1);
            g.text(left - 6, y + 4, t.label(), 11, "#444444", 1);
        }
        for (Tick t : xTicks) {
            if (t.value() < xMin - 1e-9 || t.value() > xMax + 1e-9) {
                continue;
            }
            double x = px.applyAsDouble(t.value());
            g.line(x, top, x, top + plotH, "#f0f0f0", 1);
            g.text(x, top + plotH + 16, t.label(), 11, "#444444", 0);
        }
        g.line(left, top + plotH, left + plotW, top + plotH, "#888888", 1);
        g.line(left, top, left, top + plotH, "#888888", 1);
        g.text(left + plotW / 2, top + plotH + 32, xLabel, 12, "#444444", 0);
        g.text(14, top - 10, yLabel, 12, "#444444", -1);

        for (Series s : series) {
            double[] xs = new double[s.x.length];
            double[] ys = new double[s.y.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = px.applyAsDouble(s.x[i]);
                ys[i] = py.applyAsDouble(s.y[i]);
            }
            if (xs.length == 1) {
                g.line(xs[0] - 3, ys[0], xs[0] + 3, ys[0], s.color, 2);
            } else if (xs.length > 1) {
                g.polyline(xs, ys, s.color, 1.8);
            }
        }
        double legendY = top + plotH + 50;
        double columnW = plotW / 4;
        for (int i = 0; i < series.size(); i++) {
            double lx = left + (i % 4) * columnW;
            double ly = legendY + (i / 4) * 16;
            g.line(lx, ly - 4, lx + 18, ly - 4, series.get(i).color, 3);
            g.text(lx + 24, ly, series.get(i).name, 11, "#222222", -1);
        }
        if (series.isEmpty()) {
            g.text(left + plotW / 2, top + plotH / 2, "no data", 13, "#888888", 0);
        }
    }

    static List<Tick> percentileTicks(int max) {
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i <= Math.min(max, 6); i++) {
            out.add(new Tick(i, labels[i]));
        }
        return out;
    }

    static List<Tick> niceTicks(double max) {
        return niceTicks(0, max);
    }

    /** Round ticks (1, 2, 5 × 10^n steps) from {@code min} covering {@code max}. */
    static List<Tick> niceTicks(double min, double max) {
        double span = max - min;
        double raw = span / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (raw <= step) {
                break;
            }
        }
        List<Tick> out = new ArrayList<>();
        double start = Math.floor(min / step) * step;
        for (double v = start; v <= max + step * 0.999; v += step) {
            out.add(new Tick(v, format(v, step)));
            if (out.size() > 12) {
                break;
            }
        }
        return out;
    }

    private static String format(double v, double step) {
        if (step >= 1) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        int decimals = (int) Math.ceil(-Math.log10(step));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
