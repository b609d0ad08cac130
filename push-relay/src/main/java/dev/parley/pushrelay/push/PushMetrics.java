package dev.parley.pushrelay.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@code parley.pushrelay.pushes} by provider and outcome; counters are looked up once and kept. */
public final class PushMetrics {

    public static final String SUCCESS = "success";
    public static final String OVERLOADED = "overloaded";

    private final MeterRegistry registry;
    /** Per provider, by outcome: outcomes are constants, so the lookup hashes no new string. */
    private final Map<Provider, ConcurrentMap<String, Counter>> counters = new EnumMap<>(Provider.class);

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Provider provider : Provider.values()) {
            counters.put(provider, new ConcurrentHashMap<>());
        }
    }

    public void record(Provider provider, String outcome) {
        ConcurrentMap<String, Counter> byOutcome = counters.get(provider);
        Counter counter = byOutcome.get(outcome);
        if (counter == null) {
            counter = byOutcome.computeIfAbsent(outcome, key -> Counter.builder("parley.pushrelay.pushes")
                        .description("Pushes handed to a provider, by provider and outcome")
                        .tag("provider", provider.tag())
                        .tag("outcome", outcome)
                        .register(registry));
        }
        counter.increment();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
