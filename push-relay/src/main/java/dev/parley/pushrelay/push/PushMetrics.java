package dev.parley.pushrelay.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@code parley.pushrelay.pushes} by provider and outcome; counters are looked up once and kept. */
public final class PushMetrics {

    public static final String SUCCESS = "success";
    public static final String OVERLOADED = "overloaded";

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Provider provider, String outcome) {
        counters.computeIfAbsent(provider.tag() + '|' + outcome, key -> Counter.builder("parley.pushrelay.pushes")
                        .description("Pushes handed to a provider, by provider and outcome")
                        .tag("provider", provider.tag())
                        .tag("outcome", outcome)
                        .register(registry))
                .increment();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
