package dev.parley.client.load.engine;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link Scenario} in one of two models and samples its timers once a second.
 *
 * <ul>
 *   <li><b>Open</b> (fixed arrival rate): operation {@code n} is scheduled for the moment the
 *       arrival curve reaches {@code n}, ramping linearly from 0 to the rate over the ramp-up, then
 *       flat. An operation that starts late (the generator was busy, or {@code maxInFlight}
 *       operations were outstanding because the server stalled) keeps its scheduled moment as
 *       its intended start, so its latency includes the wait: coordinated omission is
 *       corrected, and a stalled server shows in the percentiles.</li>
 *   <li><b>Closed</b> (fixed concurrency): {@code concurrency} virtual users, each starting its
 *       next operation when the previous one ends (after an optional think time); they join
 *       evenly over the ramp-up.</li>
 * </ul>
 *
 * The summary counts what completes after the ramp-up; the timeline has every second.
 */
public final class Engine {

    public enum Model { OPEN, CLOSED }

    /** The open model's scheduler wakes at most this often (200 µs) and starts everything due. */
    static final long TICK_NANOS = 200_000;

    /**
     * @param rate operations per second (open model)
     * @param concurrency virtual users (closed model)
     * @param maxInFlight outstanding operations at most (open model); later ones wait, counting the wait
     * @param drain how long to wait for outstanding operations after the duration
     */
    public record Settings(Model model, double rate, int concurrency, Duration rampUp, Duration duration,
                           Duration thinkTime, int maxInFlight, Duration drain, boolean progress) {

        public Settings {
            if (model == Model.OPEN && !(rate > 0)) {
                throw new IllegalArgumentException("the open model needs a rate above 0");
            }
            if (model == Model.CLOSED && concurrency < 1) {
                throw new IllegalArgumentException("the closed model needs a concurrency of at least 1");
            }
            if (rampUp.isNegative() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive and ramp-up not negative");
            }
        }
    }

    private final Settings settings;
    private final PrintWriter progressOut;
    private final boolean terminal;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final ScheduledExecutorService thinkTimer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "load-think");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;
    private volatile long endNanos;
    private long maxOps;
    private Scenario scenario;
    private Metrics metrics;

    public Engine(Settings settings, PrintWriter progressOut, boolean terminal) {
        this.settings = settings;
        this.progressOut = progressOut;
        this.terminal = terminal;
    }

    /** Runs {@code scenario} (already set up) with its timers in {@code metrics}. */
    public RunResult run(Scenario scenario, Metrics metrics) throws Exception {
        this.scenario = scenario;
        this.metrics = metrics;
        this.maxOps = scenario.maxOperations();
        long cpuStart = processCpuNanos();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long rampNanos = settings.rampUp().toNanos();
        long rampEnd = start + rampNanos;
        endNanos = rampEnd + settings.duration().toNanos();
        running = true;

        // A bounded run (the idle scenario's logins) counts all its operations: its ramp only paces them.
        Sampler sampler = new Sampler(metrics, start, maxOps > 0 ? start : rampEnd);
        Thread samplerThread = new Thread(sampler, "load-sampler");
        samplerThread.setDaemon(true);
        samplerThread.start();
        long[] steadyCpu = new long[1];
        Thread cpuMark = new Thread(() -> {
            sleepUntil(rampEnd);
            steadyCpu[0] = processCpuNanos();
        }, "load-cpu-mark");
        cpuMark.setDaemon(true);
        cpuMark.start();

        try {
            Thread driver = new Thread(() -> {
                if (settings.model() == Model.OPEN) {
                    runOpen(start, rampNanos);
                } else {
                    runClosed(start, rampNanos);
                }
            }, "load-scheduler");
            driver.setDaemon(true);
            driver.start();
            driver.join();
            sleepUntil(endNanos);
            running = false;
            long drainUntil = System.nanoTime() + settings.drain().toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
                Thread.sleep(5);
            }
            long stillInFlight = inFlight.get();
            scenario.afterLoad();
            long cpuEnd = processCpuNanos();
            Map<String, Double> threadCpu = threadCpuSeconds();
            cpuMark.join(1000);
            sampler.stop();
            samplerThread.join();
            long steadyCpuNanos = cpuEnd - (steadyCpu[0] == 0 ? cpuStart : steadyCpu[0]);
            return new RunResult(scenario.name(), settings, startedAt, metrics.timers(), scenario.details(),
                    (cpuEnd - cpuStart) / 1e9, steadyCpuNanos / 1e9, sampler.unsent, stillInFlight,
                    started.get(), threadCpu);
        } finally {
            running = false;
            sampler.stop();
            thinkTimer.shutdownNow();
        }
    }

    // ---- open model ----

    /** How many operations the arrival curve has issued {@code t} nanoseconds after the start. */
    static double arrivals(double rate, long rampNanos, long t) {
        double s = t / 1e9;
        double ramp = rampNanos / 1e9;
        if (s <= 0) {
            return 0;
        }
        if (s < ramp) {
            return rate * s * s / (2 * ramp);
        }
        return rate * ramp / 2 + rate * (s - ramp);
    }

    /** The moment (nanoseconds after the start) at which the curve reaches operation {@code n} (0-based: n + 1 arrivals). */
    static long arrivalTime(double rate, long rampNanos, long n) {
        double count = n + 1;
        double ramp = rampNanos / 1e9;
        double s;
        if (count <= rate * ramp / 2) {
            s = Math.sqrt(2 * ramp * count / rate);
        } else {
            s = ramp + (count - rate * ramp / 2) / rate;
        }
        return (long) (s * 1e9);
    }

    private long unsentAtEnd;

    private void runOpen(long start, long rampNanos) {
        double rate = settings.rate();
        long issued = 0;
        int maxInFlight = settings.maxInFlight();
        while (true) {
            long now = System.nanoTime();
            if (now >= endNanos || (maxOps > 0 && issued >= maxOps)) {
                break;
            }
            long next = start + arrivalTime(rate, rampNanos, issued);
            if (next > now) {
                // Wake at most once per tick and start what is due then: fewer wake-ups for this thread and
                // the event loops at high rates. Each operation keeps its exact intended start, so the
                // up-to-one-tick delay is part of the measured latency, never hidden.
                LockSupport.parkNanos(Math.min(Math.max(next - now, TICK_NANOS), 1_000_000));
                continue;
            }
            if (inFlight.get() >= maxInFlight) {
                // The server (or the generator) is behind: wait, and let the waiting count in the latency.
                LockSupport.parkNanos(50_000);
                continue;
            }
            startOp(issued++, next, this::openCompleted);
        }
        if (maxOps == 0 || issued < maxOps) {
            long due = (long) arrivals(rate, rampNanos, Math.min(System.nanoTime(), endNanos) - start);
            unsentAtEnd = due - issued > 1 ? due - issued : 0;
        }
    }

    private void openCompleted(Op op) {
        inFlight.decrementAndGet();
    }

    // ---- closed model ----

    /** Per thread: operations started while another start is on the stack wait here instead of recursing. */
    private static final class Trampoline {
        int depth;
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    }

    private static final ThreadLocal<Trampoline> TRAMPOLINE = ThreadLocal.withInitial(Trampoline::new);
    private final AtomicLong sequence = new AtomicLong();

    private void runClosed(long start, long rampNanos) {
        int users = settings.concurrency();
        for (int i = 0; i < users; i++) {
            long at = start + (users == 1 ? 0 : rampNanos * i / users);
            sleepUntil(at);
            if (System.nanoTime() >= endNanos) {
                return;
            }
            if (!next(System.nanoTime())) {
                return;
            }
        }
    }

    /** Starts the next operation of a virtual user; false when {@code maxOps} is reached. */
    private boolean next(long intended) {
        long s = sequence.getAndIncrement();
        if (maxOps > 0 && s >= maxOps) {
            return false;
        }
        startOp(s, intended, this::closedCompleted);
        return true;
    }

    private void closedCompleted(Op op) {
        inFlight.decrementAndGet();
        if (!running || System.nanoTime() >= endNanos) {
            return;
        }
        long think = settings.thinkTime().toNanos();
        if (think > 0) {
            thinkTimer.schedule(() -> {
                if (running) {
                    next(System.nanoTime());
                }
            }, think, TimeUnit.NANOSECONDS);
            return;
        }
        next(System.nanoTime());
    }

    private void startOp(long seq, long intended, Op.Completion completion) {
        Trampoline trampoline = TRAMPOLINE.get();
        if (trampoline.depth > 0) {
            trampoline.queue.add(() -> doStart(seq, intended, completion));
            return;
        }
        trampoline.depth++;
        try {
            doStart(seq, intended, completion);
            for (Runnable r; (r = trampoline.queue.poll()) != null; ) {
                r.run();
            }
        } finally {
            trampoline.depth--;
        }
    }

    private void doStart(long seq, long intended, Op.Completion completion) {
        started.incrementAndGet();
        inFlight.incrementAndGet();
        Op op = new Op(seq, intended, completion);
        op.markStarted(System.nanoTime());
        try {
            scenario.start(op);
        } catch (RuntimeException e) {
            op.failed(firstTimer(), "generator: " + e);
        }
    }

    /** Where a failure of the generator itself is counted: the scenario's own timer, or one of that name. */
    private Timer firstTimer() {
        return metrics.timer(scenario.name());
    }

    // ---- sampling and progress ----

    private final class Sampler implements Runnable {

        private final Metrics metrics;
        private final long start;
        private final long rampEnd;
        private volatile boolean stopped;
        private long last;
        private long unsent;

        Sampler(Metrics metrics, long start, long rampEnd) {
            this.metrics = metrics;
            this.start = start;
            this.rampEnd = rampEnd;
            this.last = start;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            long tick = start;
            while (!stopped) {
                tick += 1_000_000_000L;
                while (!stopped && System.nanoTime() < tick) {
                    LockSupport.parkNanos(Math.min(tick - System.nanoTime(), 20_000_000L));
                }
                sample(Math.min(System.nanoTime(), stopped ? System.nanoTime() : tick));
            }
            unsent = unsentAtEnd;
        }

        private void sample(long now) {
            if (now <= last) {
                return;
            }
            double t = (now - start) / 1e9;
            double seconds = (now - last) / 1e9;
            // An interval is steady when it starts at or after the ramp-up's end (1 ms of slack).
            boolean steady = last >= rampEnd - 1_000_000L;
            metrics.sample(t, seconds, steady);
            last = now;
            if (settings.progress() && progressOut != null && seconds >= 0.5) {
                progressOut.print(progressLine(metrics, t, steady));
                progressOut.print(terminal ? "\r" : "\n");
                progressOut.flush();
            }
        }

        private String progressLine(Metrics metrics, double t, boolean steady) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%5.0fs]%s", t, steady ? "" : " ramp"));
            for (Timer timer : metrics.operations()) {
                Timer.Point p = timer.last();
                if (p == null) {
                    continue;
                }
                line.append(String.format(Locale.ROOT, " %s %,.0f/s err %d p50 %.2f ms p99 %.2f ms |", timer.name(),
                        p.ok() / p.seconds(), p.errors(), p.p50(), p.p99()));
            }
            line.append(" in flight ").append(inFlight.get());
            String note = scenario.progress();
            if (!note.isEmpty()) {
                line.append(" | ").append(note);
            }
            return line.toString();
        }
    }

    private static void sleepUntil(long nanos) {
        for (long left; (left = nanos - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(Math.min(left, 50_000_000L));
        }
    }

    /**
     * CPU seconds so far of this process's live threads, grouped by name with digits dropped
     * ({@code load-csp-1-2} and {@code load-csp-1-1} add up under {@code load-csp--}), the rest
     * (JIT compiler, GC, other) under their own names; threads that ended are not counted.
     */
    static Map<String, Double> threadCpuSeconds() {
        Map<String, Double> out = new TreeMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return out;
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos <= 0) {
                continue;
            }
            String group = info.getThreadName().replaceAll("[0-9]+", "");
            out.merge(group, nanos / 1e9, Double::sum);
        }
        out.replaceAll((k, v) -> Math.round(v * 1000) / 1000.0);
        return out;
    }

    /** CPU time of this whole process (every thread, JIT and GC included), in nanoseconds. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
