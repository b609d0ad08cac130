package dev.parley.directory.revocation;

import static dev.parley.directory.WireClient.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.Sha256;
import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

class RevocationApiTest extends DirectoryTestBase {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    RevocationEvents events;

    private WireClient wire() {
        return new WireClient(api());
    }

    private static String revocationKey(String password) {
        return b64(Arrays.copyOf(Sha256.hash(password.getBytes(StandardCharsets.UTF_8)), 4));
    }

    @Test
    void lastChangedParsesTheAndroidWay() throws Exception {
        Created alice = wire().create();
        JsonNode before = wire().challenged("identity/check_revocation_key", Map.of("identity", alice.id()),
                alice.keys().secretKey());
        assertThat(before.get("revocationKeySet").booleanValue()).isFalse();
        assertThat(before.has("lastChanged")).isFalse();

        Instant start = Instant.now().minusSeconds(2);
        JsonNode set = wire().challenged("identity/set_revocation_key",
                Map.of("identity", alice.id(), "revocationKey", revocationKey("hunter2")), alice.keys().secretKey());
        assertThat(set.get("success").booleanValue()).isTrue();

        JsonNode after = wire().challenged("identity/check_revocation_key", Map.of("identity", alice.id()),
                alice.keys().secretKey());
        assertThat(after.get("revocationKeySet").booleanValue()).isTrue();
        String lastChanged = after.get("lastChanged").stringValue();
        assertThat(lastChanged).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");
        SimpleDateFormat android = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssZ");
        Date parsed = android.parse(lastChanged);
        assertThat(parsed.toInstant()).isBetween(start, Instant.now().plusSeconds(2));
    }

    @Test
    void setRevocationKeyRejectsAnythingButFourBytes() {
        Created alice = wire().create();
        wire().exchange("identity/set_revocation_key", Map.of("identity", alice.id(), "revocationKey", b64(new byte[5])))
                .expectStatus().isBadRequest();
    }

    @Test
    void revokeWithTheIdentityKeyAnnouncesIt() throws Exception {
        Created alice = wire().create();
        Sinks.One<String> received = Sinks.one();
        Disposable subscription = redis.listenToChannel(events.channel())
                .filter(message -> message.getMessage().equals(alice.id()))
                .subscribe(message -> received.tryEmitValue(message.getMessage()));
        try {
            Thread.sleep(300);
            JsonNode result = wire().challenged("identity/revoke", Map.of("identity", alice.id()), alice.keys().secretKey());
            assertThat(result.get("success").booleanValue()).isTrue();
            assertThat(received.asMono().block(Duration.ofSeconds(10))).isEqualTo(alice.id());
        } finally {
            subscription.dispose();
        }
        assertRevoked(alice);
    }

    @Test
    void wsRevokeWithThePassword() {
        Created alice = wire().create();
        wire().challenged("identity/set_revocation_key",
                Map.of("identity", alice.id(), "revocationKey", revocationKey("correct horse")), alice.keys().secretKey());

        JsonNode wrong = wire().post("identity/ws/revoke", Map.of("identity", alice.id(), "revocationKey", revocationKey("wrong")));
        assertThat(wrong.get("success").booleanValue()).isFalse();
        api().get().uri("identity/" + alice.id()).exchange().expectBody().jsonPath("$.state").isEqualTo(0);

        JsonNode right = wire().post("identity/ws/revoke",
                Map.of("identity", alice.id(), "revocationKey", revocationKey("correct horse")));
        assertThat(right.get("success").booleanValue()).isTrue();
        assertRevoked(alice);
    }

    @Test
    void wsRevokeWithoutAStoredKeyFails() {
        Created alice = wire().create();
        JsonNode result = wire().post("identity/ws/revoke", Map.of("identity", alice.id(), "revocationKey", revocationKey("x")));
        assertThat(result.get("success").booleanValue()).isFalse();
    }

    @Test
    void wsRevokeIsLimitedToThreeAttemptsPerDay() {
        Created alice = wire().create();
        wire().challenged("identity/set_revocation_key",
                Map.of("identity", alice.id(), "revocationKey", revocationKey("secret")), alice.keys().secretKey());
        for (int i = 0; i < 3; i++) {
            JsonNode attempt = wire().post("identity/ws/revoke", Map.of("identity", alice.id(), "revocationKey", revocationKey("guess" + i)));
            assertThat(attempt.get("success").booleanValue()).isFalse();
        }
        // Even the right password is refused once the bucket is empty.
        wire().exchange("identity/ws/revoke", Map.of("identity", alice.id(), "revocationKey", revocationKey("secret")))
                .expectStatus().isEqualTo(429);
        api().get().uri("identity/" + alice.id()).exchange().expectBody().jsonPath("$.state").isEqualTo(0);

        // Another identity has its own bucket.
        Created bob = wire().create();
        JsonNode other = wire().post("identity/ws/revoke", Map.of("identity", bob.id(), "revocationKey", revocationKey("x")));
        assertThat(other.get("success").booleanValue()).isFalse();
    }

    private void assertRevoked(Created identity) {
        api().get().uri("identity/" + identity.id()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo(2);
        JsonNode bulk = wire().post("identity/fetch_bulk", Map.of("identities", List.of(identity.id())));
        assertThat(bulk.get("identities")).isEmpty();
        JsonNode check = wire().post("identity/check", Map.of("identities", List.of(identity.id())));
        assertThat(check.get("states").toString()).isEqualTo("[2]");
        assertThat(check.get("featureMasks").toString()).isEqualTo("[null]");
        // A revoked identity can no longer authenticate.
        JsonNode challenge = wire().post("identity/set_featuremask", Map.of("identity", identity.id(), "featureMask", 1));
        assertThat(challenge.get("success").booleanValue()).isFalse();
        assertThat(challenge.has("token")).isFalse();
    }
}
