package dev.parley.client.load.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The timers of one run, in the order they were first asked for. The first timer of each
 * scenario is its operation; further ones are stages ({@code messages.delivery}) or phases.
 */
public final class Metrics {

    private final Map<String, Timer> byName = new ConcurrentHashMap<>();
    private final List<Timer> ordered = new ArrayList<>();

    public synchronized Timer timer(String name) {
        Timer timer = byName.get(name);
        if (timer == null) {
            timer = new Timer(name);
            byName.put(name, timer);
            ordered.add(timer);
        }
        return timer;
    }

    public synchronized List<Timer> timers() {
        return List.copyOf(ordered);
    }

    /** Timers that are operations (no dot in the name), as opposed to stages of one. */
    public synchronized List<Timer> operations() {
        return ordered.stream().filter(t -> t.name().indexOf('.') < 0).toList();
    }

    synchronized void sample(double t, double seconds, boolean steady) {
        for (Timer timer : ordered) {
            timer.sample(t, seconds, steady);
        }
    }
}
