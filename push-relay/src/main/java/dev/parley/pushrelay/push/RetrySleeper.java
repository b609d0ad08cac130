package dev.parley.pushrelay.push;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Waits between retries; a bean so that tests can record the waits instead of sitting through them. */
@FunctionalInterface
public interface RetrySleeper {

    Mono<Void> sleep(Duration duration);

    static RetrySleeper timer() {
        return duration -> Mono.delay(duration).then();
    }
}
