package dev.parley.directory.identity;

import static dev.parley.directory.WireClient.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.X25519;
import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

class IdentityApiTest extends DirectoryTestBase {

    private WireClient wire() {
        return new WireClient(api());
    }

    @Test
    void createGivesARandomIdAndTheServerGroup() {
        X25519.KeyPair keys = X25519.generateKeyPair();
        JsonNode phaseOne = wire().post("identity/create", Map.of("publicKey", b64(keys.publicKey())));
        assertThat(WireClient.unb64(phaseOne.get("tokenRespKeyPub"))).hasSize(32);

        JsonNode result = wire().post("identity/create", WireClient.answer(
                Map.of("publicKey", b64(keys.publicKey()), "deviceId", "dev-1"), phaseOne, keys.secretKey()));

        assertThat(result.get("success").booleanValue()).isTrue();
        assertThat(result.get("identity").stringValue()).matches("[A-Z0-9]{8}");
        assertThat(result.get("serverGroup").stringValue()).matches("[0-9a-zA-Z]+");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ids.add(wire().create().id());
        }
        assertThat(ids).hasSize(5);
    }

    @Test
    void aPublicKeyRegistersOnce() {
        Created first = wire().create();
        JsonNode again = wire().challenged("identity/create", Map.of("publicKey", b64(first.keys().publicKey())),
                first.keys().secretKey());
        assertThat(again.get("success").booleanValue()).isFalse();
        assertThat(again.get("error").stringValue()).isEqualTo("Public key already in use");
    }

    @Test
    void createRefusesAResponseFromAnotherKey() {
        X25519.KeyPair keys = X25519.generateKeyPair();
        JsonNode result = wire().challenged("identity/create", Map.of("publicKey", b64(keys.publicKey())),
                X25519.generateKeyPair().secretKey());
        assertThat(result.get("success").booleanValue()).isFalse();
    }

    @Test
    void aTokenCannotBeReplayed() {
        X25519.KeyPair keys = X25519.generateKeyPair();
        Map<String, Object> fields = Map.of("publicKey", b64(keys.publicKey()));
        JsonNode phaseOne = wire().post("identity/create", fields);
        Map<String, Object> phaseTwo = WireClient.answer(fields, phaseOne, keys.secretKey());
        assertThat(wire().post("identity/create", phaseTwo).get("success").booleanValue()).isTrue();

        JsonNode replay = wire().post("identity/create", phaseTwo);
        assertThat(replay.get("success").booleanValue()).isFalse();
        assertThat(replay.get("error").stringValue()).isEqualTo("Token expired or already used");
    }

    @Test
    void aTokenForOneIdentityDoesNotWorkForAnother() {
        Created alice = wire().create();
        Created bob = wire().create();
        JsonNode phaseOne = wire().post("identity/set_featuremask", Map.of("identity", alice.id(), "featureMask", 1));
        // Bob answers Alice's challenge with his own key for his own identity.
        JsonNode result = wire().post("identity/set_featuremask",
                WireClient.answer(Map.of("identity", bob.id(), "featureMask", 1), phaseOne, bob.keys().secretKey()));
        assertThat(result.get("success").booleanValue()).isFalse();
        assertThat(result.get("error").stringValue()).isEqualTo("Invalid token");
    }

    @Test
    void fetchReturnsTheKeyAndUnknownIs404() {
        Created alice = wire().create();
        api().get().uri("identity/" + alice.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().cacheControl(CacheControl.noCache())
                .expectBody()
                .jsonPath("$.identity").isEqualTo(alice.id())
                .jsonPath("$.publicKey").isEqualTo(b64(alice.keys().publicKey()))
                .jsonPath("$.featureMask").isEqualTo(0)
                .jsonPath("$.featureLevel").isEqualTo(0)
                .jsonPath("$.state").isEqualTo(0)
                .jsonPath("$.type").isEqualTo(0);
        api().get().uri("identity/ZZZZZZZZ").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("not found");
        api().get().uri("identity/not-an-id").exchange().expectStatus().isNotFound();
    }

    /** Concurrent lookups share batched queries; each caller must still get its own answer. */
    @Test
    void concurrentLookupsEachGetTheirOwnIdentity() {
        List<Created> created = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            created.add(wire().create());
        }
        WebClient client = WebClient.create("http://localhost:" + serverPort + "/");
        List<String> asked = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            created.forEach(c -> asked.add(c.id()));
            asked.add("ZZZZZZZ" + round);
        }
        List<String> answers = Flux.fromIterable(asked)
                .flatMapSequential(id -> client.get().uri("identity/" + id)
                        .exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                                .map(json -> response.statusCode().value() + " "
                                        + json.path("identity").asString(json.path("error").asString()))), 64)
                .collectList().block(Duration.ofSeconds(30));
        List<String> expected = asked.stream()
                .map(id -> id.startsWith("ZZZZZZZ") ? "404 not found" : "200 " + id).toList();
        assertThat(answers).isEqualTo(expected);
    }

    @Test
    void setFeatureMaskThenCheckAndBulk() {
        Created alice = wire().create();
        Created bob = wire().create();
        JsonNode set = wire().challenged("identity/set_featuremask",
                Map.of("identity", alice.id(), "featureMask", 0x7ff), alice.keys().secretKey());
        assertThat(set.get("success").booleanValue()).isTrue();

        JsonNode masks = wire().post("identity/check_featuremask", Map.of("identities", List.of(alice.id(), "ZZZZZZZZ", bob.id())));
        assertThat(masks.get("featureMasks").toString()).isEqualTo("[2047,null,0]");

        JsonNode check = wire().post("identity/check", Map.of("identities", List.of("ZZZZZZZZ", alice.id())));
        assertThat(check.get("checkInterval").intValue()).isPositive();
        assertThat(check.get("states").toString()).isEqualTo("[2,0]");
        assertThat(check.get("types").toString()).isEqualTo("[0,0]");
        assertThat(check.get("featureMasks").toString()).isEqualTo("[null,2047]");

        JsonNode bulk = wire().post("identity/fetch_bulk", Map.of("identities", List.of(bob.id(), "ZZZZZZZZ", alice.id())));
        assertThat(bulk.get("identities")).hasSize(2);
        assertThat(bulk.get("identities").get(0).get("identity").stringValue()).isEqualTo(bob.id());
        assertThat(bulk.get("identities").get(1).get("featureMask").longValue()).isEqualTo(0x7ff);
        assertThat(bulk.get("identities").get(1).get("featureLevel").intValue()).isEqualTo(5);
    }

    @Test
    void fetchPrivNeedsTheIdentityKey() {
        Created alice = wire().create();
        JsonNode result = wire().challenged("identity/fetch_priv", Map.of("identity", alice.id(), "appVariant", "consumer"),
                alice.keys().secretKey());
        assertThat(result.get("success").booleanValue()).isTrue();
        assertThat(result.get("serverGroup").stringValue()).isNotEmpty();

        JsonNode wrongKey = wire().challenged("identity/fetch_priv", Map.of("identity", alice.id()),
                X25519.generateKeyPair().secretKey());
        assertThat(wrongKey.get("success").booleanValue()).isFalse();
        assertThat(wrongKey.has("serverGroup")).isFalse();
    }

    @Test
    void unknownIdentityGetsNoChallenge() {
        JsonNode result = wire().post("identity/fetch_priv", Map.of("identity", "ZZZZZZZZ"));
        assertThat(result.get("success").booleanValue()).isFalse();
        assertThat(result.has("token")).isFalse();
    }

    @Test
    void malformedRequestsAre400() {
        api().post().uri("identity/fetch_bulk").contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error").exists();
        wire().exchange("identity/create", Map.of("publicKey", "AAAA")).expectStatus().isBadRequest();
        wire().exchange("identity/create", Map.of("publicKey", "%%%")).expectStatus().isBadRequest();
        wire().exchange("identity/check", Map.of("identities", List.of("lower123"))).expectStatus().isBadRequest();
        wire().exchange("identity/check", Map.of("identities", "ABCDEFGH")).expectStatus().isBadRequest();
        wire().exchange("identity/set_featuremask", Map.of("identity", "ABCDEFGH", "featureMask", "x"))
                .expectStatus().isBadRequest();
        wire().exchange("identity/fetch_bulk", Map.of("identities", java.util.Collections.nCopies(1001, "ABCDEFGH")))
                .expectStatus().isBadRequest();
        api().post().uri("identity/check").contentType(MediaType.TEXT_PLAIN).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(415);
    }
}
