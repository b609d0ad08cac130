package dev.parley.client.load.report;

import dev.parley.client.load.engine.Engine;
import dev.parley.client.load.engine.RunResult;
import dev.parley.client.load.engine.Timer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run's results as a summary table (stdout), a JSON document ({@code report.json}), a
 * self-contained HTML page with inline SVG charts ({@code report.html}) and a PNG of the same
 * charts ({@code latency.png}), for a ticket.
 */
public final class Reports {

    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    public static final String PNG = "latency.png";
    /** The percentiles of the summary and the JSON report. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private Reports() {
    }

    /** Writes the three files into {@code dir} (created if needed). */
    public static void write(RunResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> model = model(result);
        Files.writeString(dir.resolve(JSON), json(model));
        Files.writeString(dir.resolve(HTML), HtmlReport.render(result, model));
        PngChart.write(result, dir.resolve(PNG));
    }

    static String json(Map<String, Object> model) {
        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        return mapper.writeValueAsString(model) + "\n";
    }

    static double ms(double micros) {
        return Math.round(micros) / 1000.0;
    }

    /** The document behind the JSON report (and the HTML page's numbers). */
    public static Map<String, Object> model(RunResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", "parley load");
        doc.put("formatVersion", 1);
        doc.put("scenario", r.scenario());
        doc.put("startedAt", r.startedAt().toString());
        Engine.Settings s = r.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", s.model().name().toLowerCase(Locale.ROOT));
        if (s.model() == Engine.Model.OPEN) {
            settings.put("ratePerSecond", s.rate());
            settings.put("maxInFlight", s.maxInFlight());
        } else {
            settings.put("concurrency", s.concurrency());
            settings.put("thinkTimeMs", s.thinkTime().toMillis());
        }
        settings.put("rampUpSeconds", s.rampUp().toMillis() / 1000.0);
        settings.put("durationSeconds", s.duration().toMillis() / 1000.0);
        doc.put("settings", settings);
        doc.put("latencyNote", "latency is measured from each operation's intended start (coordinated omission "
                + "corrected in the open model); serviceTime from its actual start; summary numbers exclude the ramp-up");

        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("operations", r.operations());
        totals.put("errors", r.errors());
        totals.put("started", r.started());
        totals.put("unsent", r.unsent());
        totals.put("inFlightAtEnd", r.inFlightAtEnd());
        doc.put("totals", totals);

        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("cpuSeconds", round3(r.cpuSeconds()));
        generator.put("steadyCpuSeconds", round3(r.steadyCpuSeconds()));
        generator.put("cpuMicrosPerOperation", round3(r.cpuMicrosPerOperation()));
        generator.put("cores", Runtime.getRuntime().availableProcessors());
        generator.put("loadAverage", round3(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        generator.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        generator.put("threadCpuSeconds", r.threadCpuSeconds());
        doc.put("generator", generator);

        List<Object> timers = new ArrayList<>();
        for (Timer t : r.timers()) {
            timers.add(timer(t));
        }
        doc.put("timers", timers);
        doc.put("details", r.details());
        return doc;
    }

    private static Map<String, Object> timer(Timer t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("count", t.count());
        out.put("errors", t.errors());
        out.put("countIncludingRampUp", t.allCount());
        out.put("errorsIncludingRampUp", t.allErrors());
        out.put("ratePerSecond", round3(t.rate()));
        out.put("activeSeconds", round3(t.activeSeconds()));
        out.put("errorReasons", t.errorReasons());
        out.put("latencyMs", percentiles(t.latency()));
        out.put("serviceTimeMs", percentiles(t.serviceTime()));
        out.put("distribution", distribution(t.latency()));
        List<Object> timeline = new ArrayList<>();
        for (Timer.Point p : t.timeline()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t", round3(p.t()));
            point.put("seconds", round3(p.seconds()));
            point.put("ok", p.ok());
            point.put("errors", p.errors());
            point.put("ratePerSecond", round3(p.seconds() > 0 ? p.ok() / p.seconds() : 0));
            point.put("p50", p.p50());
            point.put("p90", p.p90());
            point.put("p99", p.p99());
            point.put("max", p.max());
            timeline.add(point);
        }
        out.put("timeline", timeline);
        return out;
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean empty = h.getTotalCount() == 0;
        out.put("min", empty ? 0 : ms(h.getMinValue()));
        out.put("mean", empty ? 0 : ms(h.getMean()));
        for (double p : PERCENTILES) {
            out.put(label(p), empty ? 0 : ms(h.getValueAtPercentile(p)));
        }
        out.put("max", empty ? 0 : ms(h.getMaxValue()));
        return out;
    }

    /** {@code p50}, {@code p99}, {@code p99.9} … */
    static String label(double percentile) {
        String text = percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
        return "p" + text;
    }

    /** The percentile distribution, as HdrHistogram plots it: points getting denser towards the tail. */
    static List<Object> distribution(Histogram h) {
        List<Object> out = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return out;
        }
        double lastPercentile = -1;
        for (HistogramIterationValue v : h.percentiles(5)) {
            double percentile = Math.min(100, v.getPercentileLevelIteratedTo());
            if (percentile == lastPercentile) {
                continue;
            }
            lastPercentile = percentile;
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("percentile", percentile);
            point.put("ms", ms(h.highestEquivalentValue(v.getValueIteratedTo())));
            out.add(point);
            if (percentile >= 100) {
                break;
            }
        }
        return out;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The table printed at the end of a run. */
    public static String summary(RunResult r) {
        StringBuilder out = new StringBuilder();
        Engine.Settings s = r.settings();
        out.append(String.format(Locale.ROOT, "scenario %s, %s, ramp-up %s s, duration %s s%n", r.scenario(),
                s.model() == Engine.Model.OPEN ? String.format(Locale.ROOT, "open model at %,.0f/s", s.rate())
                        : "closed model with " + s.concurrency() + " in flight",
                trim(s.rampUp().toMillis() / 1000.0), trim(s.duration().toMillis() / 1000.0)));
        out.append(String.format(Locale.ROOT, "%-20s %11s %11s %8s %9s %9s %9s %9s %9s%n", "timer", "count", "rate/s",
                "errors", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
        for (Timer t : r.timers()) {
            Histogram h = t.latency();
            boolean empty = h.getTotalCount() == 0;
            out.append(String.format(Locale.ROOT, "%-20s %,11d %,11.1f %8d %9.2f %9.2f %9.2f %9.2f %9.2f%n", t.name(),
                    t.count(), t.rate(), t.allErrors(), empty ? 0 : ms(h.getValueAtPercentile(50)),
                    empty ? 0 : ms(h.getValueAtPercentile(90)), empty ? 0 : ms(h.getValueAtPercentile(99)),
                    empty ? 0 : ms(h.getValueAtPercentile(99.9)), empty ? 0 : ms(h.getMaxValue())));
        }
        for (Timer t : r.timers()) {
            t.errorReasons().forEach((reason, n) -> out.append(String.format(Locale.ROOT, "  %s error: %s (%d)%n",
                    t.name(), reason, n)));
        }
        out.append(String.format(Locale.ROOT, "generator CPU %.2f s after the ramp-up for %,d operations: %.1f µs per "
                        + "operation (%.2f s in all; %d cores, load average %.2f)%n", r.steadyCpuSeconds(), r.operations(),
                r.cpuMicrosPerOperation(), r.cpuSeconds(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        if (!r.threadCpuSeconds().isEmpty()) {
            StringBuilder threads = new StringBuilder();
            r.threadCpuSeconds().entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(6)
                    .forEach(e -> threads.append(threads.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                            .append(String.format(Locale.ROOT, "%.2f s", e.getValue())));
            out.append("generator threads (whole run): ").append(threads).append(System.lineSeparator());
        }
        if (r.unsent() > 0 || r.inFlightAtEnd() > 0) {
            out.append(String.format(Locale.ROOT, "behind schedule: %,d operations never started, %,d still in flight "
                    + "at the end%n", r.unsent(), r.inFlightAtEnd()));
        }
        if (!r.details().isEmpty()) {
            out.append("details ").append(r.details()).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
