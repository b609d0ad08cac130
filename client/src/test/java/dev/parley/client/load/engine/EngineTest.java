package dev.parley.client.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineTest {

    private final ScheduledExecutorService server = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    /** A scenario whose operations are served by {@code serve}, with timer "op". */
    static final class Fake implements Scenario {
        final Consumer<Op> serve;
        final long maxOps;
        Timer timer;

        Fake(Consumer<Op> serve, long maxOps) {
            this.serve = serve;
            this.maxOps = maxOps;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void setUp(Metrics metrics) {
            timer = metrics.timer("op");
        }

        @Override
        public void start(Op op) {
            serve.accept(op);
        }

        @Override
        public long maxOperations() {
            return maxOps;
        }
    }

    static RunResult run(Engine.Settings settings, Fake scenario) throws Exception {
        Metrics metrics = new Metrics();
        scenario.setUp(metrics);
        return new Engine(settings, null, false).run(scenario, metrics);
    }

    static Engine.Settings open(double rate, Duration ramp, Duration duration, int maxInFlight) {
        return new Engine.Settings(Engine.Model.OPEN, rate, 1, ramp, duration, Duration.ZERO, maxInFlight,
                Duration.ofSeconds(2), false);
    }

    @Test
    void theArrivalCurveRampsLinearlyThenHoldsTheRate() {
        long ramp = 2_000_000_000L;
        // Over a 2 s ramp to 100/s, 100 operations arrive (the triangle), then 100 per second.
        assertThat(Engine.arrivals(100, ramp, ramp)).isCloseTo(100, within(1e-6));
        assertThat(Engine.arrivals(100, ramp, 3_000_000_000L)).isCloseTo(200, within(1e-6));
        for (long n : new long[] {0, 10, 99, 100, 150, 1000}) {
            long t = Engine.arrivalTime(100, ramp, n);
            assertThat(Engine.arrivals(100, ramp, t)).isCloseTo(n + 1, within(0.01));
        }
        assertThat(Engine.arrivalTime(100, 0, 0)).isEqualTo(10_000_000L);
    }

    @Test
    void theOpenModelIssuesTheRateAndMeasuresLatency() throws Exception {
        Fake fake = new Fake(op -> server.schedule(() -> op.succeeded(holder[0].timer),
                2, TimeUnit.MILLISECONDS), 0);
        holder[0] = fake;
        RunResult result = run(open(500, Duration.ZERO, Duration.ofSeconds(2), 10_000), fake);
        Timer timer = result.timer("op");
        assertThat(timer.count()).isBetween(900L, 1010L);
        assertThat(timer.rate()).isBetween(420.0, 560.0);
        assertThat(timer.latency().getValueAtPercentile(50)).isBetween(1_500L, 50_000L);
        assertThat(result.errors()).isZero();
        assertThat(timer.timeline()).hasSizeGreaterThanOrEqualTo(2);
    }

    private final Fake[] holder = new Fake[1];

    /**
     * The server stalls for 500 ms once while the generator may have only one operation
     * outstanding, as a synchronous client would. Measured from the actual send (service time),
     * one operation in 600 was slow and the p99 hides it; measured from the intended start, the
     * hundred operations that should have been sent during the stall all waited, and p99 shows it.
     */
    @Test
    void aStalledServerShowsInTheCorrectedPercentiles() throws Exception {
        Fake fake = new Fake(op -> server.execute(() -> {
            try {
                Thread.sleep(op.sequence() == 150 ? 500 : 1);
            } catch (InterruptedException e) {
                return;
            }
            op.succeeded(holder[0].timer);
        }), 0);
        holder[0] = fake;
        RunResult result = run(open(200, Duration.ZERO, Duration.ofSeconds(3), 1), fake);
        Timer timer = result.timer("op");
        assertThat(timer.count()).isGreaterThan(500);
        long correctedP99 = timer.latency().getValueAtPercentile(99);
        long serviceP99 = timer.serviceTime().getValueAtPercentile(99);
        assertThat(correctedP99).as("p99 from the intended start, µs").isGreaterThan(300_000);
        assertThat(serviceP99).as("p99 from the actual start, µs").isLessThan(100_000);
        assertThat(timer.serviceTime().getMaxValue()).isGreaterThan(450_000);
    }

    @Test
    void theClosedModelKeepsItsConcurrency() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        Fake fake = new Fake(op -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            server.schedule(() -> {
                inFlight.decrementAndGet();
                op.succeeded(holder[0].timer);
            }, 2, TimeUnit.MILLISECONDS);
        }, 0);
        holder[0] = fake;
        RunResult result = run(new Engine.Settings(Engine.Model.CLOSED, 0, 4, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ZERO, 1, Duration.ofSeconds(2), false), fake);
        assertThat(peak.get()).isEqualTo(4);
        // Four users, 2 ms each (plus scheduling): about 2,000 per second at most.
        assertThat(result.timer("op").count()).isBetween(400L, 2100L);
    }

    @Test
    void operationsDoneInsideStartDoNotRecurseAndMaxOperationsHolds() throws Exception {
        Fake fake = new Fake(op -> op.succeeded(holder[0].timer), 200_000);
        holder[0] = fake;
        RunResult result = run(new Engine.Settings(Engine.Model.CLOSED, 0, 2, Duration.ZERO, Duration.ofSeconds(5),
                Duration.ZERO, 1, Duration.ofSeconds(1), false), fake);
        assertThat(result.started()).isEqualTo(200_000);
        assertThat(result.timer("op").allCount()).isEqualTo(200_000);
    }

    @Test
    void failuresAreCountedByReasonAndAsErrors() throws Exception {
        Fake fake = new Fake(op -> {
            if (op.sequence() % 2 == 0) {
                op.failed(holder[0].timer, "refused");
            } else {
                op.succeeded(holder[0].timer);
            }
            // A late second outcome is ignored.
            op.failed(holder[0].timer, "late");
        }, 100);
        holder[0] = fake;
        RunResult result = run(open(1000, Duration.ZERO, Duration.ofSeconds(1), 1000), fake);
        assertThat(result.errors()).isEqualTo(50);
        assertThat(result.timer("op").errorReasons()).containsOnlyKeys("refused");
        assertThat(result.timer("op").allCount()).isEqualTo(50);
    }

    @Test
    void aScenarioThatThrowsCountsAsAnErrorOfItsTimer() throws Exception {
        Fake fake = new Fake(op -> {
            throw new IllegalStateException("broken");
        }, 10);
        holder[0] = fake;
        Metrics metrics = new Metrics();
        fake.setUp(metrics);
        RunResult result = new Engine(open(1000, Duration.ZERO, Duration.ofMillis(500), 100), null, false)
                .run(fake, metrics);
        assertThat(result.errors()).isEqualTo(10);
        assertThat(result.timer("fake").errorReasons()).containsKey("generator: java.lang.IllegalStateException: broken");
    }
}
