package dev.parley.client.load.report;

import dev.parley.client.load.engine.RunResult;
import dev.parley.client.load.engine.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A small self-contained HTML page: summary, the charts as inline SVG, no script, no external resource. */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(RunResult r, Map<String, Object> model) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>parley load: ")
                .append(escape(r.scenario())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}\n")
                .append("svg{display:block;margin:1em 0;border:1px solid #ddd}.note{color:#666;font-size:90%}\n")
                .append("</style></head><body>\n");
        html.append("<h1>parley load: ").append(escape(r.scenario())).append("</h1>\n");
        html.append("<p>").append(escape(Reports.summary(r).lines().findFirst().orElse(""))).append("<br>started ")
                .append(escape(r.startedAt().toString())).append("</p>\n");
        html.append("<table><tr><th>timer</th><th>count</th><th>rate/s</th><th>errors</th>");
        for (double p : Reports.PERCENTILES) {
            html.append("<th>").append(Reports.label(p)).append(" ms</th>");
        }
        html.append("<th>max ms</th><th>service p99 ms</th></tr>\n");
        for (Timer t : r.timers()) {
            Histogram h = t.latency();
            boolean empty = h.getTotalCount() == 0;
            html.append("<tr><td>").append(escape(t.name())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", t.count())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,.1f", t.rate())).append("</td><td>")
                    .append(t.allErrors()).append("</td>");
            for (double p : Reports.PERCENTILES) {
                html.append("<td>").append(num(empty ? 0 : Reports.ms(h.getValueAtPercentile(p)))).append("</td>");
            }
            html.append("<td>").append(num(empty ? 0 : Reports.ms(h.getMaxValue()))).append("</td><td>")
                    .append(num(t.serviceTime().getTotalCount() == 0 ? 0
                            : Reports.ms(t.serviceTime().getValueAtPercentile(99)))).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (Timer t : r.timers()) {
            if (!t.errorReasons().isEmpty()) {
                html.append("<p>").append(escape(t.name())).append(" errors: ").append(escape(t.errorReasons().toString()))
                        .append("</p>\n");
            }
        }
        html.append(String.format(Locale.ROOT, "<p>Generator CPU after the ramp-up: %.2f s, %.1f µs per operation.</p>%n",
                r.steadyCpuSeconds(), r.cpuMicrosPerOperation()));
        html.append(svg(Chart.throughput(r)));
        html.append(svg(Chart.latencyOverTime(r)));
        html.append(svg(Chart.distribution(r, model)));
        html.append("<p class=\"note\">").append(escape((String) model.get("latencyNote"))).append("</p>\n");
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("settings", model.get("settings"));
        details.put("totals", model.get("totals"));
        details.put("details", r.details());
        details.put("generator", model.get("generator"));
        html.append("<h2>Details</h2>\n<pre>").append(escape(Reports.json(details))).append("</pre>\n</body></html>\n");
        return html.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String svg(Chart chart) {
        int width = 1000;
        int height = 340;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\">\n");
        chart.draw(new Chart.Canvas() {
            @Override
            public void line(double x1, double y1, double x2, double y2, String color, double w) {
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                        x1, y1, x2, y2, color, w));
            }

            @Override
            public void polyline(double[] xs, double[] ys, String color, double w) {
                svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
                        .append(String.format(Locale.ROOT, "%.1f", w)).append("\" points=\"");
                for (int i = 0; i < xs.length; i++) {
                    svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
                }
                svg.append("\"/>\n");
            }

            @Override
            public void text(double x, double y, String text, int size, String color, int anchor) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\" "
                                + "text-anchor=\"%s\">%s</text>%n", x, y, size, color,
                        anchor < 0 ? "start" : anchor == 0 ? "middle" : "end", escape(text)));
            }

            @Override
            public void rect(double x, double y, double w, double h, String fill) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"/>%n", x, y, w, h, fill));
            }
        }, width, height);
        svg.append("</svg>\n");
        return svg.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
