package dev.parley.mediator.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The mediator's D2M counters and gauges, exported on the Prometheus endpoint. */
@Component
public class SessionMetrics {

    private final Counter reflects;
    private final Counter ephemeral;
    private final Counter delivered;
    private final Counter deliveredDirectly;
    private final MeterRegistry registry;

    public SessionMetrics(MeterRegistry registry, LocalSessions local) {
        this.registry = registry;
        this.reflects = Counter.builder("parley.mediator.reflects").description("Durable reflects stored")
                .register(registry);
        this.ephemeral = Counter.builder("parley.mediator.reflects.ephemeral")
                .description("Ephemeral reflects forwarded").register(registry);
        this.delivered = Counter.builder("parley.mediator.reflected.delivered")
                .description("Reflected messages sent to devices").register(registry);
        this.deliveredDirectly = Counter.builder("parley.mediator.reflected.delivered.direct")
                .description("Of those, sent as this node stored them, without reading them back").register(registry);
        Gauge.builder("parley.mediator.connections", local, LocalSessions::size)
                .description("Open D2M connections on this node").register(registry);
    }

    void reflected() {
        reflects.increment();
    }

    void ephemeralReflected() {
        ephemeral.increment();
    }

    void delivered(int n) {
        delivered.increment(n);
    }

    /** Counted in {@link #delivered} too. */
    void deliveredDirectly(int n) {
        delivered.increment(n);
        deliveredDirectly.increment(n);
    }

    /** Reflected messages this node sent as it stored them; the tests see the direct path with it. */
    public double deliveredDirectly() {
        return deliveredDirectly.count();
    }

    void closed(int code) {
        registry.counter("parley.mediator.closes", "code", Integer.toString(code)).increment();
    }
}
