package dev.parley.pushrelay.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pushrelay.RelayIntegrationTest;
import dev.parley.pushrelay.testing.FakeUpstream.Recorded;
import dev.parley.pushrelay.testing.FakeUpstream.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The upstream relay's own server tests (PROTOCOLS §4.8), ported one by one, plus FCM retry timing. */
class PushApiFcmTest extends RelayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FCM_SEND = "/v1/projects/parley-test/messages:send";

    @Autowired
    MeterRegistry meters;

    @Test
    void otherPathIs404() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/foo"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=a&session=b&version=3")).build());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void getIs405() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/push"))
                .GET().build());
        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void missingContentType() {
        HttpResponse<String> response = postPush(null, "token=a&session=b&version=3");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Missing content type");
    }

    @Test
    void wrongContentType() {
        HttpResponse<String> response = postPush("text/plain", "token=a&session=b&version=3");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Invalid content type: text/plain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "token=aassddff&version=5", "token=aassddff&session=aabbccdd",
            "type=apns&token=aassddff&session=aabbccdd&version=3&endpoint=s",
            "type=apns&token=aassddff&session=aabbccdd&version=3&bundleid=com.example.app",
            "type=hms&token=a&session=b&version=1", "type=threema-gateway&session=b&version=1"})
    void missingParameters(String body) {
        HttpResponse<String> response = postForm(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Missing parameters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"type=apns&token=aassddff&session=aabbccdd&version=3&bundleid=com.example.app&endpoint=q",
            "type=abc&token=aassddff&session=aabbccdd&version=3",
            "token=aassddff&session=aabbccdd&version=3&ttl=4294967296",
            "token=aassddff&session=aabbccdd&version=3&ttl=ninety",
            "token=aassddff&session=aabbccdd&version=65536",
            "type=threema-gateway&identity=*GATEWAY&public_key=" + KEY_HEX + "&session=b&version=1",
            "type=threema-gateway&identity=ECHOECH&public_key=" + KEY_HEX + "&session=b&version=1",
            "type=threema-gateway&identity=ECHOECHO&public_key=abcd&session=b&version=1"})
    void invalidParameters(String body) {
        HttpResponse<String> response = postForm(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Invalid parameters");
    }

    private static final String KEY_HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF";

    @Test
    void fcmHappyPathSendsTheExactMessage() throws Exception {
        pushEndpointsAnswer(r -> Reply.json(200, "{\"name\":\"projects/parley-test/messages/1\"}"));
        double before = counter("fcm", "success");
        long start = Instant.now().getEpochSecond();

        HttpResponse<String> response = postForm("type=fcm&token=aassddff&session=aabbccdd&version=3&ttl=120"
                + "&collapse_key=another_key&affiliation=group&session=ignored");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(response.body()).isEmpty();
        Recorded push = nextPush();
        assertThat(push.uri()).isEqualTo(FCM_SEND);
        assertThat(push.protocol()).isEqualTo("HTTP/2.0");
        assertThat(push.header("authorization")).isEqualTo("Bearer fcm-access");
        JsonNode message = JSON.readTree(push.body()).get("message");
        assertThat(message.get("token").asString()).isEqualTo("aassddff");
        JsonNode data = message.get("data");
        assertThat(data.get("wcs").asString()).isEqualTo("aabbccdd");
        assertThat(data.get("wca").asString()).isEqualTo("group");
        assertThat(data.get("wcv").isString()).isTrue();
        assertThat(data.get("wcv").asString()).isEqualTo("3");
        assertThat(data.get("wct").isString()).isTrue();
        assertThat(Long.parseLong(data.get("wct").asString())).isBetween(start, start + 5);
        JsonNode android = message.get("android");
        assertThat(android.get("collapse_key").asString()).isEqualTo("relay.another_key");
        assertThat(android.get("priority").asString()).isEqualTo("HIGH");
        assertThat(android.get("ttl").asString()).isEqualTo("120s");
        assertThat(counter("fcm", "success")).isEqualTo(before + 1);
    }

    @Test
    void fcmDefaultsTtlOmitsAffiliationAndCollapseKey() throws Exception {
        pushEndpointsAnswer(r -> Reply.json(200, "{\"name\":\"projects/parley-test/messages/2\"}"));
        assertThat(postForm("token=t1&session=s1&version=1").statusCode()).isEqualTo(204);
        JsonNode message = JSON.readTree(nextPush().body()).get("message");
        assertThat(message.get("data").has("wca")).isFalse();
        assertThat(message.get("android").has("collapse_key")).isFalse();
        assertThat(message.get("android").get("ttl").asString()).isEqualTo("90s");
    }

    @Test
    void gcmIsAnAliasOfFcm() {
        pushEndpointsAnswer(r -> Reply.json(200, "{\"name\":\"projects/parley-test/messages/3\"}"));
        assertThat(postForm("type=gcm&token=t1&session=s1&version=1").statusCode()).isEqualTo(204);
        assertThat(nextPush().uri()).isEqualTo(FCM_SEND);
    }

    @Test
    void fcmSuccessWithoutJsonIs500() {
        pushEndpointsAnswer(r -> Reply.of(200, "chrzescijanin"));
        HttpResponse<String> response = postForm("token=aassddff&session=aabbccdd&version=3");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("Push not successful");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 401, 402})
    void fcmClientErrorsAre400(int status) {
        String reason = status == 404 ? "UNREGISTERED" : "INVALID_ARGUMENT";
        pushEndpointsAnswer(r -> Reply.json(status, "{\"error\":{\"code\":" + status + ",\"status\":\"" + reason + "\"}}"));
        HttpResponse<String> response = postForm("token=aassddff&session=aabbccdd&version=3");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Push not successful");
        assertThat(SLEEPS).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 418})
    void fcmOtherErrorsAre502WithoutRetry(int status) {
        pushEndpointsAnswer(r -> Reply.of(status, "no"));
        HttpResponse<String> response = postForm("token=aassddff&session=aabbccdd&version=3");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("Push not successful");
        nextPush();
        assertThat(UPSTREAM.poll()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void fcmServerErrorsAreRetriedMaxRetriesPlusOneTimesThen502(int status) {
        pushEndpointsAnswer(r -> Reply.of(status, "down"));
        HttpResponse<String> response = postForm("token=aassddff&session=aabbccdd&version=3");
        assertThat(response.statusCode()).isEqualTo(502);
        for (int i = 0; i < 3; i++) {
            assertThat(nextPush().uri()).isEqualTo(FCM_SEND);
        }
        assertThat(UPSTREAM.poll()).isNull();
        // 2^n seconds with ±8 % jitter: 1 s, then 2 s.
        assertThat(SLEEPS).hasSize(2);
        assertThat(SLEEPS.get(0).toMillis()).isBetween(920L, 1080L);
        assertThat(SLEEPS.get(1).toMillis()).isBetween(1840L, 2160L);
    }

    @Test
    void fcmHonoursRetryAfterAndSucceedsOnTheRetry() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        pushEndpointsAnswer(r -> calls.incrementAndGet() == 1
                ? Reply.of(429, "slow down").withHeader("retry-after", "7")
                : Reply.json(200, "{\"name\":\"projects/parley-test/messages/4\"}"));
        assertThat(postForm("token=aassddff&session=aabbccdd&version=3").statusCode()).isEqualTo(204);
        assertThat(SLEEPS).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void fcmUnparsableRetryAfterWaitsSixtySeconds() {
        pushEndpointsAnswer(r -> Reply.of(503, "down").withHeader("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"));
        assertThat(postForm("token=aassddff&session=aabbccdd&version=3").statusCode()).isEqualTo(502);
        assertThat(SLEEPS).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    @Test
    void oversizedBodyIs413() {
        HttpResponse<String> response = postForm("token=a&session=b&version=3&affiliation=" + "x".repeat(20_000));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(UPSTREAM.poll()).isNull();
    }

    @Test
    void internalPathIsNotServedOnThePublicPort() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + serverPort + "/internal/v1/push"))
                .header("Authorization", "Bearer " + API_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private double counter(String provider, String outcome) {
        var counter = meters.find("parley.pushrelay.pushes").tag("provider", provider).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
