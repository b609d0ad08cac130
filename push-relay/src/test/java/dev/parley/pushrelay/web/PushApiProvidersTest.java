package dev.parley.pushrelay.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.Box;
import dev.parley.common.crypto.X25519;
import dev.parley.common.encoding.Hex;
import dev.parley.pushrelay.RelayIntegrationTest;
import dev.parley.pushrelay.testing.FakeUpstream.Recorded;
import dev.parley.pushrelay.testing.FakeUpstream.Reply;
import dev.parley.pushrelay.testing.TestKeys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** APNs, HMS and Threema Gateway through the public API, against the local fake providers. */
class PushApiProvidersTest extends RelayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEVICE = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2";

    @Test
    void apnsAlertPush() throws Exception {
        pushEndpointsAnswer(r -> Reply.of(200, ""));
        long now = Instant.now().getEpochSecond();
        assertThat(postForm("type=apns&token=" + DEVICE + "&session=aabbccdd&version=3&affiliation=a1&ttl=60"
                + "&collapse_key=c&bundleid=ch.threema.iapp&endpoint=p").statusCode()).isEqualTo(204);

        Recorded push = nextPush();
        assertThat(push.uri()).isEqualTo("/production/3/device/" + DEVICE);
        assertThat(push.protocol()).isEqualTo("HTTP/2.0");
        assertThat(push.header("apns-topic")).isEqualTo("ch.threema.iapp");
        assertThat(push.header("apns-push-type")).isEqualTo("alert");
        assertThat(push.header("apns-priority")).isEqualTo("10");
        assertThat(Long.parseLong(push.header("apns-expiration"))).isBetween(now + 60, now + 65);
        assertThat(push.header("apns-collapse-id")).isEqualTo("relay.c");
        String jwt = push.header("authorization").substring("bearer ".length());
        JsonNode header = JSON.readTree(TestKeys.jwtHeader(jwt));
        assertThat(header.get("alg").asString()).isEqualTo("ES256");
        assertThat(header.get("kid").asString()).isEqualTo("KEY1234567");
        JsonNode claims = JSON.readTree(TestKeys.verifyJwt(jwt, APNS_KEY.getPublic(), "SHA256withECDSAinP1363Format"));
        assertThat(claims.get("iss").asString()).isEqualTo("TEAM123456");
        assertThat(claims.get("iat").asLong()).isBetween(now - 3600, now + 5);

        JsonNode body = JSON.readTree(push.body());
        assertThat(body.at("/aps/alert/body").asString()).isEqualTo("Threema Web Wakeup");
        assertThat(body.at("/aps/sound").asString()).isEqualTo("default");
        assertThat(body.at("/aps/mutable-content").asInt()).isEqualTo(1);
        JsonNode payload = body.get("3mw");
        assertThat(payload.get("wcs").asString()).isEqualTo("aabbccdd");
        assertThat(payload.get("wca").asString()).isEqualTo("a1");
        assertThat(payload.get("wcv").isNumber()).isTrue();
        assertThat(payload.get("wcv").asInt()).isEqualTo(3);
        assertThat(payload.get("wct").isNumber()).isTrue();
    }

    @Test
    void apnsVoipPushToSandboxWithTtlZero() throws Exception {
        pushEndpointsAnswer(r -> Reply.of(200, ""));
        assertThat(postForm("type=apns&token=" + DEVICE + "&session=s&version=3&ttl=0"
                + "&bundleid=ch.threema.iapp.voip&endpoint=s").statusCode()).isEqualTo(204);
        Recorded push = nextPush();
        assertThat(push.uri()).startsWith("/sandbox/3/device/");
        assertThat(push.header("apns-push-type")).isEqualTo("voip");
        assertThat(push.header("apns-expiration")).isEqualTo("0");
        assertThat(push.header("apns-collapse-id")).isNull();
        JsonNode body = JSON.readTree(push.body());
        assertThat(body.at("/aps/content-available").asInt()).isEqualTo(1);
        assertThat(body.at("/aps").has("alert")).isFalse();
        assertThat(body.at("/3mw/wcs").asString()).isEqualTo("s");
    }

    @ParameterizedTest
    @CsvSource({"400,BadDeviceToken,400", "410,Unregistered,400", "400,DeviceTokenNotForTopic,400",
            "400,BadCollapseId,502", "403,InvalidProviderToken,502", "500,InternalServerError,502",
            "503,ServiceUnavailable,502", "429,TooManyRequests,502"})
    void apnsErrorsMap(int status, String reason, int expected) {
        pushEndpointsAnswer(r -> Reply.json(status, "{\"reason\":\"" + reason + "\"}"));
        var response = postForm("type=apns&token=" + DEVICE + "&session=s&version=3&bundleid=b.c&endpoint=p");
        assertThat(response.statusCode()).isEqualTo(expected);
        assertThat(response.body()).isEqualTo("Push not successful");
    }

    @Test
    void apnsTokenStaysOnePathSegment() {
        pushEndpointsAnswer(r -> Reply.json(400, "{\"reason\":\"BadDeviceToken\"}"));
        assertThat(postForm("type=apns&token=..%2F..%2Fx%3Fy&session=s&version=3&bundleid=b.c&endpoint=p")
                .statusCode()).isEqualTo(400);
        assertThat(nextPush().uri()).isEqualTo("/production/3/device/..%2F..%2Fx%3Fy");
    }

    @Test
    void apnsCollapseIdLongerThan64BytesIsInvalid() {
        var response = postForm("type=apns&token=" + DEVICE + "&session=s&version=3&bundleid=b.c&endpoint=p"
                + "&collapse_key=" + "k".repeat(59));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Invalid parameters");
    }

    @Test
    void hmsPushWithNormalPriority() throws Exception {
        pushEndpointsAnswer(r -> Reply.json(200, "{\"code\":\"80000000\",\"msg\":\"Success\",\"requestId\":\"1\"}"));
        assertThat(postForm("type=hms&appid=app1&token=hmstoken&session=aabbccdd&version=4&ttl=30")
                .statusCode()).isEqualTo(204);
        Recorded push = nextPush();
        assertThat(push.uri()).isEqualTo("/v1/client1/messages:send");
        assertThat(push.header("content-type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(push.header("authorization")).startsWith("Bearer hms-client1-");
        JsonNode message = JSON.readTree(push.body()).get("message");
        assertThat(message.get("token").size()).isEqualTo(1);
        assertThat(message.get("token").get(0).asString()).isEqualTo("hmstoken");
        assertThat(message.at("/android/urgency").asString()).isEqualTo("NORMAL");
        assertThat(message.at("/android").has("category")).isFalse();
        assertThat(message.at("/android/ttl").asString()).isEqualTo("30s");
        JsonNode data = JSON.readTree(message.get("data").asString());
        assertThat(data.get("wcs").asString()).isEqualTo("aabbccdd");
        assertThat(data.get("wcv").isNumber()).isTrue();
    }

    @Test
    void hmsHighPriorityAppUsesHighAndVoipAndFetchesCredentialsWithClientCredentials() throws Exception {
        pushEndpointsAnswer(r -> Reply.json(200, "{\"code\":\"80000000\"}"));
        assertThat(postForm("type=hms&appid=app2&token=t&session=s&version=4").statusCode()).isEqualTo(204);
        Recorded first = UPSTREAM.take();
        while (!first.uri().equals("/oauth2/v3/token") || !first.bodyText().contains("client2")) {
            first = UPSTREAM.take();
        }
        Map<String, String> form = form(first.bodyText());
        assertThat(form).containsEntry("grant_type", "client_credentials").containsEntry("client_id", "client2")
                .containsEntry("client_secret", "secret2");
        JsonNode message = JSON.readTree(nextPush().body()).get("message");
        assertThat(message.at("/android/urgency").asString()).isEqualTo("HIGH");
        assertThat(message.at("/android/category").asString()).isEqualTo("VOIP");
    }

    @ParameterizedTest
    @CsvSource({"200,80300007,400", "200,80100000,400", "200,81000001,502", "200,80100003,500",
            "400,80100001,400", "503,0,502", "500,0,502", "404,0,500"})
    void hmsResultsMap(int status, String code, int expected) {
        pushEndpointsAnswer(r -> Reply.json(status, "{\"code\":\"" + code + "\"}"));
        assertThat(postForm("type=hms&appid=app1&token=t&session=s&version=4").statusCode()).isEqualTo(expected);
    }

    @Test
    void hmsAuthErrorClearsCredentialsSoTheNextPushLogsInAgain() {
        pushEndpointsAnswer(r -> Reply.json(200, "{\"code\":\"80200003\"}"));
        assertThat(postForm("type=hms&appid=app1&token=t&session=s&version=4").statusCode()).isEqualTo(502);
        String rejected = nextPush().header("authorization");
        UPSTREAM.clear();
        pushEndpointsAnswer(r -> Reply.json(200, "{\"code\":\"80000000\"}"));
        assertThat(postForm("type=hms&appid=app1&token=t&session=s&version=4").statusCode()).isEqualTo(204);
        assertThat(UPSTREAM.take().uri()).isEqualTo("/oauth2/v3/token");
        assertThat(nextPush().header("authorization")).isNotEqualTo(rejected);
    }

    @Test
    void hmsUnknownAppIdIs400() {
        var response = postForm("type=hms&appid=unknown&token=t&session=s&version=4");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Push not successful");
    }

    @Test
    void threemaGatewaySendsABoxTheRecipientCanOpen() throws Exception {
        pushEndpointsAnswer(r -> Reply.json(200, "0123456789abcdef"));
        X25519.KeyPair recipient = X25519.generateKeyPair();
        String publicKeyHex = Hex.encode(recipient.publicKey()).toUpperCase();
        assertThat(postForm("type=threema-gateway&identity=ECHOECHO&public_key=" + publicKeyHex
                + "&session=aabbccdd&version=5&affiliation=x").statusCode()).isEqualTo(204);

        Recorded push = nextPush();
        assertThat(push.uri()).isEqualTo("/gateway/send_e2e");
        assertThat(push.header("accept")).isEqualTo("application/json");
        Map<String, String> form = form(push.bodyText());
        assertThat(form).containsEntry("from", "*PUSHRLY").containsEntry("to", "ECHOECHO")
                .containsEntry("secret", "gateway-secret").containsEntry("noPush", "1")
                .containsEntry("noDeliveryReceipts", "1");
        byte[] plaintext = Box.open(recipient.secretKey(), X25519.publicKey(GATEWAY_SECRET_KEY),
                Hex.decode(form.get("nonce")), Hex.decode(form.get("box")));
        assertThat(plaintext[0]).isEqualTo((byte) 0xfe);
        assertThat(plaintext[plaintext.length - 1]).isEqualTo((byte) 0x01);
        JsonNode payload = JSON.readTree(Arrays.copyOfRange(plaintext, 1, plaintext.length - 1));
        assertThat(payload.get("wcs").asString()).isEqualTo("aabbccdd");
        assertThat(payload.get("wca").asString()).isEqualTo("x");
        assertThat(payload.get("wcv").asInt()).isEqualTo(5);
        assertThat(payload.get("wct").isNumber()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"400,502", "401,502", "402,502", "413,502", "404,500", "500,500"})
    void threemaGatewayStatusesMap(int status, int expected) {
        pushEndpointsAnswer(r -> Reply.of(status, ""));
        String key = Hex.encode(X25519.generateKeyPair().publicKey());
        assertThat(postForm("type=threema-gateway&identity=ECHOECHO&public_key=" + key + "&session=s&version=5")
                .statusCode()).isEqualTo(expected);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
