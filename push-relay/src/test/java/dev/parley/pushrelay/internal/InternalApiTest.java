package dev.parley.pushrelay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pushrelay.RelayIntegrationTest;
import dev.parley.pushrelay.testing.FakeUpstream.Recorded;
import dev.parley.pushrelay.testing.FakeUpstream.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chat gateway's push API on the management port: auth, validation, delivery and the bounded queue. */
class InternalApiTest extends RelayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry meters;

    @Autowired
    InternalPushService service;

    private HttpResponse<String> post(String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/internal/v1/push"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private static String push(int tokenType, String token, String extra) {
        return "{\"identity\":\"ECHOECHO\",\"tokenType\":" + tokenType + ",\"token\":\""
                + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)) + "\"" + extra + "}";
    }

    @Test
    void refusesMissingOrWrongSecret() {
        String body = push(0x11, "fcm-token", "");
        assertThat(post(null, body).statusCode()).isEqualTo(401);
        assertThat(post("Bearer " + API_SECRET.substring(1), body).statusCode()).isEqualTo(401);
        assertThat(post("Bearer " + API_SECRET + "x", body).statusCode()).isEqualTo(401);
        assertThat(post("Basic " + API_SECRET, body).statusCode()).isEqualTo(401);
        assertThat(UPSTREAM.poll()).isNull();
    }

    @Test
    void refusesBadRequests() {
        String auth = "Bearer " + API_SECRET;
        assertThat(post(auth, "not json").statusCode()).isEqualTo(400);
        assertThat(post(auth, push(0x11, "t", "").replace("ECHOECHO", "echo")).statusCode()).isEqualTo(400);
        assertThat(post(auth, push(0x07, "t", "")).statusCode()).isEqualTo(400);
        assertThat(post(auth, push(0x11, "", "")).statusCode()).isEqualTo(400);
        assertThat(post(auth, push(0x05, "ab", ",\"encryptedPayload\":\"AAAA\"")).statusCode()).isEqualTo(400);
        assertThat(post(auth, push(0x11, "t".repeat(300), "")).statusCode()).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/internal/v1/push"))
                .header("Authorization", auth).GET().build()).statusCode()).isEqualTo(405);
    }

    @Test
    void fcmWakeupCarriesNoMessageData() throws Exception {
        pushEndpointsAnswer(r -> Reply.json(200, "{\"name\":\"projects/parley-test/messages/9\"}"));
        double before = counter("fcm", "success");
        HttpResponse<String> response = post("Bearer " + API_SECRET, push(0x11, "fcm-token-1", ""));
        assertThat(response.statusCode()).isEqualTo(202);

        Recorded sent = nextPush();
        JsonNode message = JSON.readTree(sent.body()).get("message");
        assertThat(message.get("token").asString()).isEqualTo("fcm-token-1");
        assertThat(message.get("data").size()).isZero();
        assertThat(message.at("/android/priority").asString()).isEqualTo("HIGH");
        assertThat(message.at("/android/ttl").asString()).isEqualTo("86400s");
        awaitCounter("fcm", "success", before + 1);
    }

    @Test
    void hmsTokenSelectsTheAppBeforeTheBar() throws Exception {
        pushEndpointsAnswer(r -> Reply.json(200, "{\"code\":\"80000000\"}"));
        assertThat(post("Bearer " + API_SECRET, push(0x13, "app2|hms-token", "")).statusCode()).isEqualTo(202);
        Recorded sent = nextPush();
        assertThat(sent.uri()).isEqualTo("/v1/client2/messages:send");
        JsonNode message = JSON.readTree(sent.body()).get("message");
        assertThat(message.get("token").get(0).asString()).isEqualTo("hms-token");
        assertThat(message.get("data").asString()).isEqualTo("{}");
    }

    @Test
    void apnsMutableContentCarriesTheSealedPayload() throws Exception {
        pushEndpointsAnswer(r -> Reply.of(200, ""));
        byte[] rawToken = new byte[32];
        for (int i = 0; i < rawToken.length; i++) {
            rawToken[i] = (byte) (0xf0 + i);
        }
        String box = Base64.getEncoder().encodeToString("sealed sender and message id".getBytes(StandardCharsets.UTF_8));
        String nonce = Base64.getEncoder().encodeToString(new byte[24]);
        String body = "{\"identity\":\"ECHOECHO\",\"tokenType\":6,\"token\":\""
                + Base64.getEncoder().encodeToString(rawToken) + "\",\"encryptedPayload\":\"" + box
                + "\",\"nonce\":\"" + nonce + "\"}";
        assertThat(post("Bearer " + API_SECRET, body).statusCode()).isEqualTo(202);

        Recorded sent = nextPush();
        assertThat(sent.uri()).isEqualTo("/sandbox/3/device/" + dev.parley.common.encoding.Hex.encode(rawToken));
        assertThat(sent.header("apns-topic")).isEqualTo("dev.parley.app");
        assertThat(sent.header("apns-push-type")).isEqualTo("alert");
        JsonNode payload = JSON.readTree(sent.body());
        assertThat(payload.at("/aps/mutable-content").asInt()).isEqualTo(1);
        assertThat(payload.at("/parley/box").asString()).isEqualTo(box);
        assertThat(payload.at("/parley/nonce").asString()).isEqualTo(nonce);
    }

    @Test
    void fullQueueDropsAndCounts() throws Exception {
        // One push in flight (the provider takes a second to answer) and two queued fill the FCM queue.
        pushEndpointsAnswer(r -> Reply.json(200, "{\"name\":\"projects/parley-test/messages/10\"}")
                .after(Duration.ofSeconds(1)));
        double dropsBefore = meters.get("parley.pushrelay.internal.dropped").tag("provider", "fcm").counter().count();
        String auth = "Bearer " + API_SECRET;
        assertThat(post(auth, push(0x11, "q1", "")).statusCode()).isEqualTo(202);
        nextPush();
        assertThat(post(auth, push(0x11, "q2", "")).statusCode()).isEqualTo(202);
        assertThat(post(auth, push(0x11, "q3", "")).statusCode()).isEqualTo(202);
        assertThat(service.depth(dev.parley.pushrelay.push.Provider.FCM)).isEqualTo(2);
        assertThat(meters.get("parley.pushrelay.internal.queue.depth").tag("provider", "fcm").gauge().value())
                .isEqualTo(2.0);

        HttpResponse<String> dropped = post(auth, push(0x11, "q4", ""));
        assertThat(dropped.statusCode()).isEqualTo(503);
        assertThat(meters.get("parley.pushrelay.internal.dropped").tag("provider", "fcm").counter().count())
                .isEqualTo(dropsBefore + 1);
        // A slow FCM does not hold up HMS: its queue is its own.
        assertThat(post(auth, push(0x13, "app1|h", "")).statusCode()).isEqualTo(202);

        // The queued pushes drain in order once the provider answers; the dropped one never arrives.
        java.util.List<String> tokens = new java.util.ArrayList<>();
        while (tokens.size() < 2) {
            Recorded next = nextPush();
            if (next.uri().contains("parley-test")) {
                tokens.add(JSON.readTree(next.body()).at("/message/token").asString());
            }
        }
        assertThat(tokens).containsExactly("q2", "q3");
    }

    private double counter(String provider, String outcome) {
        var counter = meters.find("parley.pushrelay.pushes").tag("provider", provider).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitCounter(String provider, String outcome, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (counter(provider, outcome) < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(counter(provider, outcome)).isEqualTo(expected);
    }
}
