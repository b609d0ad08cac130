package dev.parley.pushrelay.hms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.pushrelay.PushRelayProperties;
import dev.parley.pushrelay.push.PushException;
import dev.parley.pushrelay.testing.FakeUpstream;
import dev.parley.pushrelay.testing.FakeUpstream.Reply;
import dev.parley.pushrelay.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** HMS credentials: fetched once, reused, renewed 180 s before expiry; login failures are auth errors. */
class HmsSenderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void credentialsAreRenewed180SecondsBeforeExpiry() {
        AtomicInteger logins = new AtomicInteger();
        try (FakeUpstream server = new FakeUpstream()) {
            server.respond(r -> r.uri().equals("/oauth2/v3/token")
                    ? Reply.json(200, "{\"access_token\":\"hms-" + logins.incrementAndGet()
                            + "\",\"expires_in\":600,\"token_type\":\"Bearer\"}")
                    : Reply.json(200, "{\"code\":\"80000000\"}"));
            try (HmsSender sender = sender(server)) {
                sender.send(sender.message("t", "{}", 60)).block();
                clock.advance(Duration.ofSeconds(419));
                sender.send(sender.message("t", "{}", 60)).block();
                assertThat(logins.get()).isEqualTo(1);
                clock.advance(Duration.ofSeconds(1));
                sender.send(sender.message("t", "{}", 60)).block();
                assertThat(logins.get()).isEqualTo(2);
            }
        }
    }

    @Test
    void loginFailureIsAnAuthError() {
        try (FakeUpstream server = new FakeUpstream(); HmsSender sender = sender(server)) {
            server.respond(r -> Reply.json(401, "{\"error\":1101}"));
            assertThatThrownBy(() -> sender.send(sender.message("t", "{}", 60)).block())
                    .isInstanceOfSatisfying(PushException.class,
                            e -> assertThat(e.kind()).isEqualTo(PushException.Kind.REMOTE_AUTH));
        }
    }

    private HmsSender sender(FakeUpstream server) {
        URI base = URI.create(server.baseUrl());
        return new HmsSender("app", new PushRelayProperties.Hms("cid", "secret", false, base, base),
                Duration.ofSeconds(5), 2, clock, JsonMapper.builder().build());
    }
}
