package dev.parley.client.load.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One kind of operation (or one stage of it): successes with their latency in two histograms,
 * failures by reason, and a point per second for the latency-over-time chart.
 *
 * <p>Writers ({@link #ok}, {@link #record}, {@link #error}) may be called from any thread; they
 * go through HdrHistogram {@link Recorder}s, which cost a few atomic operations. The reader side
 * ({@link #sample}) runs on the engine's sampler thread only.
 *
 * <p><b>Latency</b> is measured from the operation's <em>intended</em> start: in the open model
 * that is its slot in the arrival schedule, so an operation that could not even be started
 * because the generator or the server was stalled still counts the whole wait (the correction
 * for coordinated omission). <b>Service time</b> is measured from the moment it was actually
 * started, which is what a naive generator would report.
 */
public final class Timer {

    /** Values are recorded in microseconds, up to one hour, with three significant digits. */
    public static final long MAX_MICROS = 3_600_000_000L;
    private static final int DIGITS = 3;
    private static final int MAX_REASONS = 32;

    /** One second (or less, for the last) of one timer. Latencies in milliseconds. */
    public record Point(double t, double seconds, long ok, long errors, double p50, double p90, double p99,
                        double max) {
    }

    private final String name;
    private final Recorder latency = new Recorder(MAX_MICROS, DIGITS);
    private final Recorder service = new Recorder(MAX_MICROS, DIGITS);
    private final AtomicLong intervalErrors = new AtomicLong();
    private final LongAdder allErrorsAdder = new LongAdder();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();

    // Reader side: touched by the sampler thread, read after the run.
    private Histogram intervalLatency;
    private Histogram intervalService;
    private final Histogram steadyLatency = new Histogram(MAX_MICROS, DIGITS);
    private final Histogram steadyService = new Histogram(MAX_MICROS, DIGITS);
    private final List<Point> timeline = new ArrayList<>();
    private long steadyErrors;
    private long allOk;
    private double activeSeconds;
    private double firstActive = -1;
    private double lastActiveEnd = -1;
    private double steadyPendingSeconds;

    Timer(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** A success: latency from the intended start, service time from the actual start, in nanoseconds. */
    public void ok(long latencyNanos, long serviceNanos) {
        latency.recordValue(micros(latencyNanos));
        service.recordValue(micros(serviceNanos));
    }

    /** A success with one duration (a stage of an operation, or a drain), in nanoseconds. */
    public void record(long nanos) {
        ok(nanos, nanos);
    }

    public void error(String reason) {
        intervalErrors.incrementAndGet();
        allErrorsAdder.increment();
        String key = reason == null ? "error" : reason;
        if (key.length() > 120) {
            key = key.substring(0, 120);
        }
        LongAdder counter = reasons.get(key);
        if (counter == null) {
            if (reasons.size() >= MAX_REASONS) {
                key = "other";
            }
            counter = reasons.computeIfAbsent(key, k -> new LongAdder());
        }
        counter.increment();
    }

    private static long micros(long nanos) {
        long us = Math.max(0, nanos / 1000);
        return Math.min(us, MAX_MICROS);
    }

    /**
     * Takes the interval since the last call; {@code steady} adds it to the summary histograms
     * (intervals of the ramp-up are only in the timeline).
     */
    void sample(double t, double seconds, boolean steady) {
        intervalLatency = latency.getIntervalHistogram(intervalLatency);
        intervalService = service.getIntervalHistogram(intervalService);
        long errors = intervalErrors.getAndSet(0);
        long ok = intervalLatency.getTotalCount();
        allOk += ok;
        timeline.add(new Point(t, seconds, ok, errors, ms(intervalLatency.getValueAtPercentile(50)),
                ms(intervalLatency.getValueAtPercentile(90)), ms(intervalLatency.getValueAtPercentile(99)),
                ms(intervalLatency.getMaxValue())));
        if (steady) {
            steadyLatency.add(intervalLatency);
            steadyService.add(intervalService);
            steadyErrors += errors;
            // Active span: from the first steady interval with work to the last one with work.
            if (ok + errors > 0) {
                if (firstActive < 0) {
                    firstActive = t - seconds;
                    activeSeconds = seconds;
                } else {
                    activeSeconds += steadyPendingSeconds + seconds;
                }
                steadyPendingSeconds = 0;
                lastActiveEnd = t;
            } else if (firstActive >= 0) {
                steadyPendingSeconds += seconds;
            }
        }
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }

    /** Successes counted in the summary (after the ramp-up). */
    public long count() {
        return steadyLatency.getTotalCount();
    }

    /** Failures counted in the summary (after the ramp-up). */
    public long errors() {
        return steadyErrors;
    }

    /** Successes over the whole run, ramp-up included (after the run). */
    public long allCount() {
        return allOk;
    }

    /** Failures over the whole run, ramp-up included (live). */
    public long allErrors() {
        return allErrorsAdder.sum();
    }

    /** Seconds from the first to the last steady interval in which this timer saw work. */
    public double activeSeconds() {
        return activeSeconds;
    }

    /** Successes per second over {@link #activeSeconds()}. */
    public double rate() {
        return activeSeconds <= 0 ? 0 : count() / activeSeconds;
    }

    /** Latency from the intended start, steady phase. */
    public Histogram latency() {
        return steadyLatency;
    }

    /** Service time from the actual start, steady phase. */
    public Histogram serviceTime() {
        return steadyService;
    }

    public List<Point> timeline() {
        return Collections.unmodifiableList(timeline);
    }

    public Map<String, Long> errorReasons() {
        Map<String, Long> out = new TreeMap<>();
        reasons.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The latest second's point, if any. */
    Point last() {
        return timeline.isEmpty() ? null : timeline.get(timeline.size() - 1);
    }
}
