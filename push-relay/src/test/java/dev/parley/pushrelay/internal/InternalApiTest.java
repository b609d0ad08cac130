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

    private static String apnsPush(int tokenType, byte[] rawToken, String box, String nonce, String topic) {
        return "{\"identity\":\"ECHOECHO\",\"tokenType\":" + tokenType + ",\"token\":\""
                + Base64.getEncoder().encodeToString(rawToken) + "\""
                + (box == null ? "" : ",\"encryptedPayload\":\"" + box + "\",\"nonce\":\"" + nonce + "\"")
                + (topic == null ? "" : ",\"topic\":\"" + topic + "\"") + "}";
    }

    private static byte[] rawApnsToken() {
        byte[] rawToken = new byte[32];
        for (int i = 0; i < rawToken.length; i++) {
            rawToken[i] = (byte) (0xf0 + i);
        }
        return rawToken;
    }

    @Test
    void apnsMutableContentCarriesTheSealedPayloadWhereTheIosAppReadsIt() throws Exception {
        pushEndpointsAnswer(r -> Reply.of(200, ""));
        byte[] rawToken = rawApnsToken();
        String box = Base64.getEncoder().encodeToString("sealed sender and message id".getBytes(StandardCharsets.UTF_8));
        String nonce = Base64.getEncoder().encodeToString(dev.parley.common.crypto.CryptoRandom.bytes(24));
        assertThat(post("Bearer " + API_SECRET, apnsPush(6, rawToken, box, nonce, "ch.threema.iapp")).statusCode())
                .isEqualTo(202);

        Recorded sent = nextPush();
        assertThat(sent.uri()).isEqualTo("/sandbox/3/device/" + dev.parley.common.encoding.Hex.encode(rawToken));
        assertThat(sent.header("apns-topic")).as("an allowed topic from the request").isEqualTo("ch.threema.iapp");
        assertThat(sent.header("apns-push-type")).isEqualTo("alert");
        JsonNode payload = JSON.readTree(sent.body());
        assertThat(payload.at("/aps/mutable-content").asInt()).isEqualTo(1);
        assertThat(payload.at("/aps/alert/body").asString()).isEqualTo("New message");
        assertThat(payload.at("/threema/box").asString()).isEqualTo(box);
        assertThat(payload.at("/threema/nonce").asString()).isEqualTo(nonce);
        assertThat(payload.has("parley")).isFalse();
        assertThat(payload.size()).as("nothing but aps and the box").isEqualTo(2);
    }

    @Test
    void apnsTopicsOutsideTheAllowListFallBackToTheInternalTopic() throws Exception {
        pushEndpointsAnswer(r -> Reply.of(200, ""));
        String box = Base64.getEncoder().encodeToString(new byte[40]);
        String nonce = Base64.getEncoder().encodeToString(new byte[24]);
        String auth = "Bearer " + API_SECRET;
        assertThat(post(auth, apnsPush(5, rawApnsToken(), box, nonce, "com.example.other")).statusCode()).isEqualTo(202);
        Recorded other = nextPush();
        assertThat(other.uri()).startsWith("/production/3/device/");
        assertThat(other.header("apns-topic")).isEqualTo("dev.parley.app");

        assertThat(post(auth, apnsPush(1, rawApnsToken(), null, null, null)).statusCode()).isEqualTo(202);
        Recorded plain = nextPush();
        assertThat(plain.header("apns-topic")).isEqualTo("dev.parley.app");
        JsonNode payload = JSON.readTree(plain.body());
        assertThat(payload.has("threema")).isFalse();
        assertThat(payload.at("/aps/mutable-content").isMissingNode()).isTrue();
    }

    @Test
    void refusesMalformedTopicsAndBoxes() {
        String auth = "Bearer " + API_SECRET;
        String box = Base64.getEncoder().encodeToString(new byte[40]);
        String nonce = Base64.getEncoder().encodeToString(new byte[24]);
        for (String topic : new String[] {"", "a b", "dev.parley.app\r\nx: y", "d".repeat(256)}) {
            assertThat(post(auth, apnsPush(5, rawApnsToken(), box, nonce, topic)).statusCode()).as(topic).isEqualTo(400);
        }
        String shortBox = Base64.getEncoder().encodeToString(new byte[15]);
        assertThat(post(auth, apnsPush(5, rawApnsToken(), shortBox, nonce, null)).statusCode()).isEqualTo(400);
        String longNonce = Base64.getEncoder().encodeToString(new byte[25]);
        assertThat(post(auth, apnsPush(5, rawApnsToken(), box, longNonce, null)).statusCode()).isEqualTo(400);
        String longBox = Base64.getEncoder().encodeToString(new byte[1025]);
        assertThat(post(auth, apnsPush(5, rawApnsToken(), longBox, nonce, null)).statusCode()).isEqualTo(400);
        assertThat(UPSTREAM.poll()).isNull();
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
