package dev.parley.directory.work;

import static dev.parley.directory.WireClient.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import dev.parley.directory.licence.LicenceCheck;
import dev.parley.directory.web.JsonRequest;
import dev.parley.common.authtoken.AuthToken;
import dev.parley.common.authtoken.AuthTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class WorkApiTest extends DirectoryTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkRepository repository;

    @Autowired
    WorkService workService;

    private WireClient wire;
    private WorkFixtures fixtures;
    private String prefix;
    private long orgId;

    @BeforeEach
    void setUp() {
        wire = new WireClient(api());
        fixtures = new WorkFixtures(wire, repository, jdbc);
        prefix = fixtures.prefix();
        orgId = fixtures.orgId();
    }

    private Created colleague(String first, String last, String category) {
        return fixtures.colleague(first, last, category);
    }

    private Map<String, Object> credentials(String first) {
        return fixtures.credentials(first);
    }

    @Test
    void fetch2ListsTheOrganisationsContacts() {
        Created alice = colleague("Alice", "Andersen", "c1");
        Created bob = colleague("Bob", "Berg", "c2");
        Map<String, Object> request = credentials("Alice");
        request.put("contacts", List.of(bob.id()));
        JsonNode result = wire.post("fetch2", request);

        assertThat(result.get("checkInterval").intValue()).isPositive();
        assertThat(result.get("org").get("name").stringValue()).isEqualTo("Org " + prefix);
        assertThat(result.get("logo").get("light").stringValue()).isEqualTo("https://logo/light.png");
        assertThat(result.get("support").stringValue()).isEqualTo("https://support.example/");
        assertThat(result.get("directory").get("enabled").booleanValue()).isTrue();
        assertThat(result.get("directory").get("cat").get("c1").stringValue()).isEqualTo("Engineering");
        assertThat(result.get("mdm").get("override").booleanValue()).isFalse();
        List<String> ids = new ArrayList<>();
        result.get("contacts").forEach(c -> ids.add(c.get("id").stringValue()));
        assertThat(ids).containsExactlyInAnyOrder(alice.id(), bob.id());
        JsonNode bobJson = result.get("contacts").get(ids.indexOf(bob.id()));
        assertThat(bobJson.get("pk").stringValue()).isEqualTo(b64(bob.keys().publicKey()));
        assertThat(bobJson.get("first").stringValue()).isEqualTo("Bob");
        assertThat(bobJson.get("jobTitle").stringValue()).isEqualTo("Engineer");

        api().get().uri("identity/" + alice.id()).exchange().expectBody().jsonPath("$.type").isEqualTo(1);
    }

    @Test
    void badCredentialsAre401() {
        colleague("Carol", "Christensen", "c1");
        Map<String, Object> request = credentials("Carol");
        request.put("password", "wrong");
        request.put("contacts", List.of());
        wire.exchange("fetch2", request).expectStatus().isUnauthorized();
        request.put("username", "nobody-" + prefix);
        wire.exchange("identities", request).expectStatus().isUnauthorized();
        wire.exchange("fetch2", Map.of("username", "x")).expectStatus().isBadRequest();
    }

    @Test
    void identitiesReturnsOnlyColleaguesAmongTheContacts() {
        Created dave = colleague("Dave", "Dahl", "c1");
        Created outsider = wire.create();
        Map<String, Object> request = credentials("Dave");
        request.put("contacts", List.of(dave.id(), outsider.id()));
        JsonNode result = wire.post("identities", request);
        assertThat(result.get("contacts")).hasSize(1);
        assertThat(result.get("contacts").get(0).get("id").stringValue()).isEqualTo(dave.id());
    }

    @Test
    void directorySearchWithCategoriesPagingAndSorting() {
        Created erin = colleague("Erin", "Zimmer", "c1");
        Created frank = colleague("Frank", "Abel", "c1");
        Created gina = colleague("Gina", "Moser", "c2");
        Map<String, Object> request = credentials("Erin");
        request.put("identity", erin.id());
        request.put("query", "*");
        request.put("categories", List.of("c1"));
        request.put("sort", Map.of("by", "lastName", "asc", true));
        request.put("page", 0);
        JsonNode byCategory = wire.post("directory", request);
        assertThat(byCategory.get("paging").get("total").longValue()).isEqualTo(2);
        assertThat(byCategory.get("paging").get("size").intValue()).isEqualTo(20);
        assertThat(byCategory.get("paging").has("next")).isFalse();
        assertThat(byCategory.get("contacts").get(0).get("id").stringValue()).isEqualTo(frank.id());
        assertThat(byCategory.get("contacts").get(1).get("id").stringValue()).isEqualTo(erin.id());
        assertThat(byCategory.get("contacts").get(0).get("org").get("name").stringValue()).isEqualTo("Org " + prefix);
        assertThat(byCategory.get("contacts").get(0).get("cat").toString()).isEqualTo("[\"c1\"]");

        request.put("sort", Map.of("by", "lastName", "asc", false));
        assertThat(wire.post("directory", request).get("contacts").get(0).get("id").stringValue()).isEqualTo(erin.id());

        request.put("query", "Gina");
        request.remove("categories");
        JsonNode byName = wire.post("directory", request);
        assertThat(byName.get("contacts")).hasSize(1);
        assertThat(byName.get("contacts").get(0).get("id").stringValue()).isEqualTo(gina.id());

        request.put("query", "*");
        wire.exchange("directory", request).expectStatus().isBadRequest();
        request.put("query", "ab");
        wire.exchange("directory", request).expectStatus().isBadRequest();
    }

    @Test
    void directoryPages() {
        Created first = colleague("Hank", "Hansen", "c2");
        for (int i = 0; i < 21; i++) {
            String username = prefix + "-bulk" + i;
            long userId = repository.createUser(jdbc, orgId, username, "scrypt$1$8$1$AA==$AA==", "Bulk" + i, "Person", null,
                    null, null, List.of("c1"));
            repository.attachIdentity(jdbc, userId, wire.create().id());
        }
        Map<String, Object> request = credentials("Hank");
        request.put("identity", first.id());
        request.put("query", "bulk");
        request.put("sort", Map.of("by", "firstName", "asc", true));
        request.put("page", 0);
        JsonNode page0 = wire.post("directory", request);
        assertThat(page0.get("paging").get("total").longValue()).isEqualTo(21);
        assertThat(page0.get("paging").get("next").intValue()).isEqualTo(1);
        assertThat(page0.get("contacts")).hasSize(20);
        request.put("page", 1);
        JsonNode page1 = wire.post("directory", request);
        assertThat(page1.get("contacts")).hasSize(1);
        assertThat(page1.get("paging").get("prev").intValue()).isEqualTo(0);
        assertThat(page1.get("paging").has("next")).isFalse();
    }

    @Test
    void userPropertiesUseTheWdirChallenge() {
        Created ida = colleague("Ida", "Iversen", "c1");
        Map<String, Object> fields = credentials("Ida");
        fields.put("identity", ida.id());
        fields.put("properties", b64(new byte[] {8, 1}));
        JsonNode phaseOne = wire.post("api-client/v1/user-properties", fields);
        byte[] challenge = Base64.getDecoder().decode(phaseOne.get("challenge").stringValue());
        byte[] key = Base64.getDecoder().decode(phaseOne.get("challengePublicKey").stringValue());

        // The consumer salt does not answer a Work challenge.
        Map<String, Object> wrong = new HashMap<>(fields);
        wrong.put("challenge", b64(challenge));
        wrong.put("response", b64(ProtocolKeys.directoryChallengeResponse(ida.keys().secretKey(), key, DirectoryRealm.CONSUMER, challenge)));
        wire.exchange("api-client/v1/user-properties", wrong).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-challenge-response");

        Map<String, Object> right = fixtures.answered(HttpMethod.POST, "api-client/v1/user-properties", fields,
                ida.keys().secretKey(), DirectoryRealm.WORK);
        wire.exchange("api-client/v1/user-properties", right).expectStatus().isNoContent();
        wire.exchange("api-client/v1/user-properties", right).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("challenge-expired");
        byte[] stored = jdbc.sql("SELECT properties FROM work_users WHERE identity_id = ?::bpchar").param(ida.id())
                .query(byte[].class).single();
        assertThat(stored).containsExactly(8, 1);
    }

    @Test
    void workCredentialsLicenceCheck() {
        repository.createUser(jdbc, orgId, prefix + "-licensed", Passwords.hash("secret"), null, null, null, null, null, List.of());
        LicenceCheck check = dev.parley.directory.licence.LicenceChecksAccess.work(workService);
        ObjectMapper json = new ObjectMapper();
        assertThat(check.check(JsonRequest.of(json.valueToTree(Map.of("licenseUsername", prefix + "-licensed",
                "licensePassword", "secret")))).block().allowed()).isTrue();
        assertThat(check.check(JsonRequest.of(json.valueToTree(Map.of("licenseUsername", prefix + "-licensed",
                "licensePassword", "wrong")))).block().allowed()).isFalse();
        assertThat(check.check(JsonRequest.of(json.valueToTree(Map.of()))).block().allowed()).isFalse();
    }

    @Test
    void authTokenForWorkCredentials() throws Exception {
        repository.createUser(jdbc, orgId, prefix + "-token", Passwords.hash("tok pw"), null, null, null, null, null, List.of());
        String basic = "Basic " + Base64.getEncoder().encodeToString((prefix + "-token:tok pw").getBytes(StandardCharsets.UTF_8));
        byte[] body = api().get().uri("auth_token").header("Authorization", basic).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        String token = new ObjectMapper().readTree(body).get("authToken").stringValue();

        // Media and Safe verify it offline with the same secret.
        AuthToken verified = AuthTokens.verify(AUTH_TOKEN_SECRET.getBytes(StandardCharsets.UTF_8), token, Instant.now())
                .orElseThrow();
        assertThat(verified.subject()).isEqualTo(prefix + "-token");
        assertThat(verified.expiresAt().getEpochSecond())
                .isBetween(Instant.now().getEpochSecond() + 3000, Instant.now().getEpochSecond() + 3700);
        assertThat(AuthTokens.verifyAuthorization(AUTH_TOKEN_SECRET.getBytes(StandardCharsets.UTF_8), "Token " + token,
                Instant.now().plusSeconds(3700))).isEmpty();

        String wrong = "Basic " + Base64.getEncoder().encodeToString((prefix + "-token:nope").getBytes(StandardCharsets.UTF_8));
        api().get().uri("auth_token").header("Authorization", wrong).exchange().expectStatus().isUnauthorized();
        api().get().uri("auth_token").exchange().expectStatus().isUnauthorized();
        api().get().uri("auth_token").header("Authorization", "Basic %%%").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void turnCredentialsFollowTheCoturnRestScheme() throws Exception {
        Created jo = wire.create();
        JsonNode result = wire.challenged("identity/turn_cred", Map.of("identity", jo.id(), "type", "voip"), jo.keys().secretKey());
        assertThat(result.get("success").booleanValue()).isTrue();
        assertThat(result.get("turnUrls").toString()).contains("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:443");
        assertThat(result.get("turnUrlsDualStack")).hasSize(2);
        assertThat(result.get("expiration").longValue()).isEqualTo(12 * 3600);
        String username = result.get("turnUsername").stringValue();
        assertThat(username).endsWith(":" + jo.id());
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(expiry).isBetween(Instant.now().getEpochSecond() + 12 * 3600 - 60, Instant.now().getEpochSecond() + 12 * 3600 + 5);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(result.get("turnPassword").stringValue())
                .isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
    }
}
