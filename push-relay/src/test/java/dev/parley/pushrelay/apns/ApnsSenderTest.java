package dev.parley.pushrelay.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.pushrelay.push.PushException;
import dev.parley.pushrelay.testing.FakeUpstream;
import dev.parley.pushrelay.testing.FakeUpstream.Reply;
import dev.parley.pushrelay.testing.MutableClock;
import dev.parley.pushrelay.testing.TestKeys;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** An expired provider token reported by APNs makes the next push sign a fresh one. */
class ApnsSenderTest {

    @Test
    void expiredProviderTokenIsRenewedForTheNextPush() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (FakeUpstream server = new FakeUpstream();
                ApnsSender sender = new ApnsSender(new ApnsTokenSigner(TestKeys.p256().getPrivate(), "K", "T", clock),
                        URI.create(server.baseUrl()), URI.create(server.baseUrl()), Duration.ofSeconds(5), 2,
                        JsonMapper.builder().build())) {
            server.respond(r -> Reply.json(403, "{\"reason\":\"ExpiredProviderToken\"}"));
            ApnsNotification notification = new ApnsNotification("ab", "t", "alert", 0, null, true,
                    JsonNodeFactory.instance.objectNode());
            assertThatThrownBy(() -> sender.send(notification).block())
                    .isInstanceOfSatisfying(PushException.class,
                            e -> assertThat(e.kind()).isEqualTo(PushException.Kind.REMOTE_SERVER));
            String rejected = server.take().header("authorization");
            clock.advance(Duration.ofSeconds(1));
            server.respond(r -> Reply.of(200, ""));
            sender.send(notification).block();
            assertThat(server.take().header("authorization")).isNotEqualTo(rejected);
        }
    }
}
