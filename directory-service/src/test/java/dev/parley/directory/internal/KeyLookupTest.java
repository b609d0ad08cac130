package dev.parley.directory.internal;

import static dev.parley.directory.WireClient.b64;

import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class KeyLookupTest extends DirectoryTestBase {

    @Autowired
    InternalServer internal;

    private WebTestClient internalApi(String secret) {
        WebTestClient.Builder builder = WebTestClient.bindToServer().baseUrl("http://localhost:" + internal.port());
        if (secret != null) {
            builder.defaultHeader("Authorization", "Bearer " + secret);
        }
        return builder.build();
    }

    @Test
    void looksUpKeysWithCacheHeaders() {
        Created alice = new WireClient(api()).create();
        internalApi(INTERNAL_SECRET).get().uri("/internal/v1/identities/" + alice.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueMatches("Cache-Control", "max-age=\\d+")
                .expectHeader().exists("ETag")
                .expectBody()
                .jsonPath("$.identity").isEqualTo(alice.id())
                .jsonPath("$.publicKey").isEqualTo(b64(alice.keys().publicKey()))
                .jsonPath("$.state").isEqualTo(0)
                .jsonPath("$.featureMask").isEqualTo(0);
        internalApi(INTERNAL_SECRET).get().uri("/internal/v1/identities/ZZZZZZZZ").exchange().expectStatus().isNotFound();

        internalApi(INTERNAL_SECRET).post().uri("/internal/v1/identities").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("identities", List.of(alice.id(), "ZZZZZZZZ"))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.identities.length()").isEqualTo(1)
                .jsonPath("$.identities[0].identity").isEqualTo(alice.id());
        internalApi(INTERNAL_SECRET).post().uri("/internal/v1/identities").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("identities", List.of("bad"))).exchange().expectStatus().isBadRequest();
    }

    @Test
    void revokedIdentitiesReportStateInvalid() {
        WireClient wire = new WireClient(api());
        Created alice = wire.create();
        wire.challenged("identity/revoke", Map.of("identity", alice.id()), alice.keys().secretKey());
        internalApi(INTERNAL_SECRET).get().uri("/internal/v1/identities/" + alice.id()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo(2);
    }

    @Test
    void needsTheBearerSecret() {
        internalApi(null).get().uri("/internal/v1/identities/ZZZZZZZZ").exchange().expectStatus().isUnauthorized();
        internalApi(INTERNAL_SECRET + "x").get().uri("/internal/v1/identities/ZZZZZZZZ").exchange().expectStatus().isUnauthorized();
        internalApi("wrong").get().uri("/internal/v1/identities/ZZZZZZZZ").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void isNotOnThePublicPort() {
        api().get().uri("/internal/v1/identities/ZZZZZZZZ").header("Authorization", "Bearer " + INTERNAL_SECRET)
                .exchange().expectStatus().isNotFound();
    }
}
