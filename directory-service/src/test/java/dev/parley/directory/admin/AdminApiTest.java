package dev.parley.directory.admin;

import static dev.parley.directory.WireClient.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.X25519;
import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.licence.LicenceCheck;
import dev.parley.directory.web.JsonRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class AdminApiTest extends DirectoryTestBase {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode post(String path, Object body, int status) {
        byte[] raw = admin().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return json.readTree(raw);
    }

    private JsonNode get(String path) {
        return json.readTree(admin().get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    @Test
    void createsLooksUpAndRevokesIdentities() {
        X25519.KeyPair keys = X25519.generateKeyPair();
        JsonNode created = post("/admin/v1/identities", Map.of("publicKey", b64(keys.publicKey())), 201);
        String id = created.get("identity").stringValue();
        assertThat(id).matches("[A-Z0-9]{8}");
        post("/admin/v1/identities", Map.of("publicKey", b64(keys.publicKey())), 409);
        post("/admin/v1/identities", Map.of("publicKey", "short"), 400);

        JsonNode details = get("/admin/v1/identities/" + id);
        assertThat(details.get("publicKey").stringValue()).isEqualTo(b64(keys.publicKey()));
        assertThat(details.get("revokedAt").isNull()).isTrue();

        admin().post().uri("/admin/v1/identities/" + id + "/revoke").exchange().expectStatus().isNoContent();
        admin().post().uri("/admin/v1/identities/" + id + "/revoke").exchange().expectStatus().isNotFound();
        assertThat(get("/admin/v1/identities/" + id).get("state").intValue()).isEqualTo(2);
        admin().get().uri("/admin/v1/identities/ZZZZZZZZ").exchange().expectStatus().isNotFound();
        WebTestClient.bindToServer().baseUrl("http://localhost:" + internalServer.port()).build()
                .get().uri("/admin/v1/counts").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void createsOrganisationsAndUsersThatCanSignIn() {
        String name = "Admin Org " + System.nanoTime();
        JsonNode org = post("/admin/v1/orgs", Map.of("name", name, "categories", Map.of("k1", "Kitchen")), 201);
        long orgId = org.get("id").longValue();
        assertThat(org.get("categories").get("k1").stringValue()).isEqualTo("Kitchen");
        post("/admin/v1/orgs", Map.of("name", name), 409);
        assertThat(get("/admin/v1/orgs").toString()).contains(name);

        String username = "admin-user-" + System.nanoTime();
        post("/admin/v1/orgs/" + orgId + "/users", Map.of("username", username, "password", "long enough pw",
                "firstName", "Ada", "categories", List.of("k1")), 201);
        post("/admin/v1/orgs/" + orgId + "/users", Map.of("username", username + "x", "password", "short"), 400);
        post("/admin/v1/orgs/999999/users", Map.of("username", username + "y", "password", "long enough pw"), 404);

        JsonNode fetch = new WireClient(api()).post("fetch2", Map.of("username", username, "password", "long enough pw",
                "contacts", List.of()));
        assertThat(fetch.get("org").get("name").stringValue()).isEqualTo(name);
    }

    @Test
    void licenceKeysAndCounts(@Autowired LicenceKeyRepository stored,
                              @Autowired dev.parley.service.jdbc.BlockingJdbc jdbc) {
        JsonNode before = get("/admin/v1/counts");
        String key = "LIC-" + System.nanoTime();
        post("/admin/v1/licences", Map.of("licenceKey", key), 201);
        post("/admin/v1/licences", Map.of("licenceKey", key), 200);
        new WireClient(api()).create();

        JsonNode after = get("/admin/v1/counts");
        assertThat(after.get("licenceKeys").longValue()).isEqualTo(before.get("licenceKeys").longValue() + 1);
        assertThat(after.get("identities").longValue()).isGreaterThan(before.get("identities").longValue());
        assertThat(after.has("workUsers")).isTrue();

        LicenceCheck check = dev.parley.directory.licence.LicenceChecksAccess.stored(List.of("CONFIGURED"), jdbc, stored);
        assertThat(check.check(JsonRequest.of(json.valueToTree(Map.of("licenseKey", key)))).block().allowed()).isTrue();
        assertThat(check.check(JsonRequest.of(json.valueToTree(Map.of("licenseKey", "CONFIGURED")))).block().allowed()).isTrue();
        assertThat(check.check(JsonRequest.of(json.valueToTree(Map.of("licenseKey", "OTHER")))).block().allowed()).isFalse();
    }
}
