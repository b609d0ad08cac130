package dev.parley.service.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code http.server.requests} for one route served below WebFlux, and so outside its request
 * observation. Same name and tags as that observation gives every other request, so dashboards see
 * one series; but a timer per status is looked up once, not built from tags on every request.
 */
public final class RequestTimers {

    private static final String NAME = "http.server.requests";

    private final MeterRegistry registry;
    private final String method;
    private final String uri;
    private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(600);

    /** @param uri the route's template as WebFlux would tag it, e.g. {@code /backups/{id}} */
    public RequestTimers(MeterRegistry registry, String method, String uri) {
        this.registry = registry;
        this.method = method;
        this.uri = uri;
    }

    /** @param status the answer's status, or 0 when there was none (the client went away) */
    public void record(int status, long nanos) {
        timer(status).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(int status) {
        int index = status >= 100 && status < 600 ? status : 0;
        Timer timer = byStatus.get(index);
        if (timer == null) {
            timer = Timer.builder(NAME)
                    .tag("method", method)
                    .tag("uri", uri)
                    .tag("status", index == 0 ? "UNKNOWN" : Integer.toString(status))
                    .tag("outcome", outcome(index))
                    .tag("exception", "none")
                    .tag("error", "none")
                    .register(registry);
            byStatus.set(index, timer);
        }
        return timer;
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }
}
