package dev.parley.client.load.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a run measured, for the summary table and the reports.
 *
 * @param cpuSeconds the generator process's CPU time over the whole run (every thread, GC and JIT included)
 * @param steadyCpuSeconds the same from the end of the ramp-up on
 * @param unsent open model: operations the arrival curve called for that were never started
 *     (the in-flight limit held them back until the end)
 * @param inFlightAtEnd operations still outstanding when the drain time ran out
 * @param started operations started over the whole run
 * @param threadCpuSeconds CPU seconds by thread group over the whole run (live threads only)
 */
public record RunResult(String scenario, Engine.Settings settings, Instant startedAt, List<Timer> timers,
                        Map<String, Object> details, double cpuSeconds, double steadyCpuSeconds, long unsent,
                        long inFlightAtEnd, long started, Map<String, Double> threadCpuSeconds) {

    /** Operations (timers without a dot) that succeeded after the ramp-up. */
    public long operations() {
        return timers.stream().filter(t -> t.name().indexOf('.') < 0).mapToLong(Timer::count).sum();
    }

    /** Failures in every timer over the whole run (ramp-up included: an error is never hidden). */
    public long errors() {
        return timers.stream().mapToLong(Timer::allErrors).sum();
    }

    /** Generator CPU microseconds per successful operation after the ramp-up. */
    public double cpuMicrosPerOperation() {
        long ops = operations();
        return ops == 0 ? 0 : steadyCpuSeconds * 1e6 / ops;
    }

    public Timer timer(String name) {
        return timers.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
