package dev.parley.pushrelay.fcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.pushrelay.push.PushException;
import dev.parley.pushrelay.push.RetrySleeper;
import dev.parley.pushrelay.push.WireProtocol;
import dev.parley.pushrelay.testing.FakeUpstream;
import dev.parley.pushrelay.testing.FakeUpstream.Recorded;
import dev.parley.pushrelay.testing.FakeUpstream.Reply;
import dev.parley.pushrelay.testing.MutableClock;
import dev.parley.pushrelay.testing.TestKeys;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** FCM's OAuth grant, token cache, retry delays and timeout against a real local server. */
class FcmSenderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FakeUpstream SERVER = new FakeUpstream();
    private static final KeyPair KEY = TestKeys.rsa();

    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @BeforeEach
    void answer() {
        SERVER.clear();
        SERVER.respond(request -> {
            if (request.uri().equals("/oauth/token")) {
                int n = tokenRequests.incrementAndGet();
                return Reply.json(200, "{\"access_token\":\"access-" + n + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
            }
            return Reply.json(200, "{\"name\":\"projects/p/messages/1\"}");
        });
    }

    private FcmSender sender(int maxRetries, Duration timeout) {
        FcmServiceAccount account = FcmServiceAccount.fromBase64(
                TestKeys.serviceAccountBase64(KEY, SERVER.baseUrl() + "/oauth/token"), JSON);
        RetrySleeper sleeper = duration -> Mono.fromRunnable(() -> sleeps.add(duration));
        return new FcmSender(account, "p", maxRetries, URI.create(SERVER.baseUrl()), WireProtocol.H2, timeout, 4, clock,
                sleeper, JSON);
    }

    private static FcmMessage message() {
        return new FcmMessage("tok", java.util.Map.of("wcs", "s"), 90, null);
    }

    @Test
    void jwtGrantIsSignedWithTheServiceAccountKey() throws Exception {
        try (FcmSender sender = sender(0, Duration.ofSeconds(5))) {
            sender.send(message()).block();
        }
        Recorded grant = SERVER.take();
        assertThat(grant.uri()).isEqualTo("/oauth/token");
        assertThat(grant.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        String body = URLDecoder.decode(grant.bodyText(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=");
        String jwt = body.substring(body.indexOf("assertion=") + "assertion=".length());
        assertThat(JSON.readTree(TestKeys.jwtHeader(jwt)).get("alg").asString()).isEqualTo("RS256");
        JsonNode claims = JSON.readTree(TestKeys.verifyJwt(jwt, KEY.getPublic(), "SHA256withRSA"));
        assertThat(claims.get("iss").asString()).isEqualTo("relay@parley-test.iam.gserviceaccount.com");
        assertThat(claims.get("scope").asString()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
        assertThat(claims.get("aud").asString()).isEqualTo(SERVER.baseUrl() + "/oauth/token");
        assertThat(claims.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(clock.instant().getEpochSecond() + 3600);
        Recorded push = SERVER.take();
        assertThat(push.uri()).isEqualTo("/v1/projects/p/messages:send");
        assertThat(push.header("authorization")).isEqualTo("Bearer access-1");
    }

    @Test
    void tokenIsCachedUntilShortlyBeforeExpiryThenRenewed() {
        try (FcmSender sender = sender(0, Duration.ofSeconds(5))) {
            sender.send(message()).block();
            clock.advance(Duration.ofMinutes(58));
            sender.send(message()).block();
            assertThat(tokenRequests.get()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(61));
            sender.send(message()).block();
            assertThat(tokenRequests.get()).isEqualTo(2);
        }
        List<String> authorizations = new java.util.ArrayList<>();
        Recorded next;
        while ((next = SERVER.poll()) != null) {
            if (!next.uri().equals("/oauth/token")) {
                authorizations.add(next.header("authorization"));
            }
        }
        assertThat(authorizations).containsExactly("Bearer access-1", "Bearer access-1", "Bearer access-2");
    }

    @Test
    void concurrentPushesShareOneTokenRequest() {
        try (FcmSender sender = sender(0, Duration.ofSeconds(5))) {
            Flux.range(0, 20).flatMap(i -> sender.send(message())).blockLast();
        }
        assertThat(tokenRequests.get()).isEqualTo(1);
    }

    @Test
    void oauthFailureIsAnAuthError() {
        SERVER.respond(request -> Reply.json(401, "{\"error\":\"invalid_grant\"}"));
        try (FcmSender sender = sender(0, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> sender.send(message()).block())
                    .isInstanceOfSatisfying(PushException.class,
                            e -> assertThat(e.kind()).isEqualTo(PushException.Kind.REMOTE_AUTH));
        }
    }

    @Test
    void slowProviderTimesOutAsSendError() {
        SERVER.respond(request -> request.uri().equals("/oauth/token")
                ? Reply.json(200, "{\"access_token\":\"a\",\"expires_in\":3600}")
                : Reply.json(200, "{\"name\":\"n\"}").after(Duration.ofSeconds(3)));
        long start = System.nanoTime();
        try (FcmSender sender = sender(0, Duration.ofMillis(300))) {
            assertThatThrownBy(() -> sender.send(message()).block())
                    .isInstanceOfSatisfying(PushException.class,
                            e -> assertThat(e.kind()).isEqualTo(PushException.Kind.SEND_ERROR));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void retryDelays() {
        try (FcmSender sender = sender(3, Duration.ofSeconds(5))) {
            assertThat(sender.retryDelay("12", 0)).isEqualTo(Duration.ofSeconds(12));
            assertThat(sender.retryDelay(" 0 ", 2)).isEqualTo(Duration.ZERO);
            assertThat(sender.retryDelay("soon", 0)).isEqualTo(Duration.ofSeconds(60));
            assertThat(sender.retryDelay("-5", 0)).isEqualTo(Duration.ofSeconds(60));
            for (int n = 0; n < 5; n++) {
                long base = (1L << n) * 1000;
                for (int i = 0; i < 200; i++) {
                    assertThat(sender.retryDelay(null, n).toMillis()).isBetween(base - base * 8 / 100, base + base * 8 / 100);
                }
            }
        }
    }

    @Test
    void backoffIsJittered() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(FcmSender.jitteredBackoffMillis(3));
        }
        assertThat(seen.size()).isGreaterThan(10);
    }

    @Test
    void retriesUseTheBackoffAndStopAfterMaxRetries() {
        SERVER.respond(request -> request.uri().equals("/oauth/token")
                ? Reply.json(200, "{\"access_token\":\"a\",\"expires_in\":3600}")
                : Reply.of(502, "bad gateway"));
        try (FcmSender sender = sender(3, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> sender.send(message()).block())
                    .isInstanceOfSatisfying(PushException.class,
                            e -> assertThat(e.kind()).isEqualTo(PushException.Kind.REMOTE_SERVER));
        }
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(2).toMillis()).isBetween(3680L, 4320L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"projects/p/messages/1\"}|true",
            "{\"x\":[1,{\"name\":2}],\"name\":\"n\",\"y\":{}}|true",
            "{\"name\":1}|false",
            "{\"name\":\"a\",\"name\":null}|false",
            "{\"a\":{\"name\":\"nested\"}}|false",
            "[\"name\"]|false",
            "\"name\"|false",
            "{\"name\":\"a\"|false",
            "{\"name\":\"a\"} {}|false",
            "not json|false"})
    void aSuccessNeedsATopLevelStringName(String answer, boolean accepted) {
        SERVER.respond(request -> request.uri().equals("/oauth/token")
                ? Reply.json(200, "{\"access_token\":\"a\",\"expires_in\":3600}")
                : Reply.json(200, answer));
        try (FcmSender sender = sender(0, Duration.ofSeconds(5))) {
            if (accepted) {
                sender.send(message()).block();
            } else {
                assertThatThrownBy(() -> sender.send(message()).block())
                        .isInstanceOfSatisfying(PushException.class,
                                e -> assertThat(e.kind()).isEqualTo(PushException.Kind.INTERNAL));
            }
        }
    }
}
