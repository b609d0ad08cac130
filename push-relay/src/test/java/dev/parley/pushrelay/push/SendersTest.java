package dev.parley.pushrelay.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The per-provider in-flight bound and the outcome metric. */
class SendersTest {

    @Test
    void refusesPastTheLimitAndFreesTheSlotWhenAPushEnds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Senders senders = new Senders(null, null, Map.of(), null, 1, new PushMetrics(registry));
        Sinks.Empty<Void> slow = Sinks.empty();
        senders.guarded(Provider.FCM, slow.asMono()).subscribe(v -> { }, e -> { });
        assertThat(senders.gate(Provider.FCM).inFlight()).isEqualTo(1);

        assertThatThrownBy(() -> senders.guarded(Provider.FCM, Mono.empty()).block())
                .isInstanceOfSatisfying(PushException.class,
                        e -> assertThat(e.kind()).isEqualTo(PushException.Kind.REMOTE_SERVER));
        // Other providers have their own slots.
        senders.guarded(Provider.HMS, Mono.empty()).block();

        slow.tryEmitEmpty();
        assertThat(senders.gate(Provider.FCM).inFlight()).isZero();
        senders.guarded(Provider.FCM, Mono.error(new IllegalStateException("connection reset"))).onErrorResume(e -> Mono.empty()).block();

        assertThat(registry.get("parley.pushrelay.pushes").tag("provider", "fcm").tag("outcome", "overloaded").counter().count()).isEqualTo(1);
        assertThat(registry.get("parley.pushrelay.pushes").tag("provider", "fcm").tag("outcome", "success").counter().count()).isEqualTo(1);
        assertThat(registry.get("parley.pushrelay.pushes").tag("provider", "fcm").tag("outcome", "send_error").counter().count()).isEqualTo(1);
        assertThat(registry.get("parley.pushrelay.pushes").tag("provider", "hms").tag("outcome", "success").counter().count()).isEqualTo(1);
    }
}
