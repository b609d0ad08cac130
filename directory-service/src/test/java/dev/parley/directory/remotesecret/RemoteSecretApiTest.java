package dev.parley.directory.remotesecret;

import static dev.parley.directory.WireClient.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import dev.parley.directory.DirectoryTestBase;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import dev.parley.directory.work.WorkFixtures;
import dev.parley.directory.work.WorkRepository;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code api-client/v1/remote-secret}: create with the Work challenge, fetch with the token, delete, and the operator's lock. */
class RemoteSecretApiTest extends DirectoryTestBase {

    private static final String PATH = "api-client/v1/remote-secret";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkRepository repository;

    private WireClient wire;
    private WorkFixtures fixtures;

    @BeforeEach
    void setUp() {
        wire = new WireClient(api());
        fixtures = new WorkFixtures(wire, repository, jdbc);
    }

    private Map<String, Object> fields(Created who, String first) {
        Map<String, Object> fields = fixtures.credentials(first);
        fields.put("identity", who.id());
        return fields;
    }

    /** Creates a remote secret and returns its authentication token. */
    private byte[] create(Created who, String first, byte[] secret) {
        Map<String, Object> fields = fields(who, first);
        fields.put("secret", b64(secret));
        byte[] body = fixtures.workChallenged(HttpMethod.PUT, PATH, fields, who.keys().secretKey())
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode answer = new tools.jackson.databind.ObjectMapper().readTree(body);
        return Base64.getDecoder().decode(answer.get("secretAuthenticationToken").stringValue());
    }

    private JsonNode fetch(byte[] token) {
        return wire.post(PATH, Map.of("secretAuthenticationToken", b64(token)));
    }

    @Test
    void createFetchAndDelete() {
        Created rita = fixtures.colleague("Rita", "Remote", "c1");
        byte[] secret = CryptoRandom.bytes(32);
        byte[] token = create(rita, "Rita", secret);
        assertThat(token).hasSize(32);

        JsonNode fetched = fetch(token);
        assertThat(Base64.getDecoder().decode(fetched.get("secret").stringValue())).containsExactly(secret);
        assertThat(fetched.get("checkIntervalS").intValue()).isEqualTo(3600);
        assertThat(fetched.get("nMissedChecksMax").intValue()).isEqualTo(24);

        // Only a hash of the token is stored.
        byte[] stored = jdbc.sql("SELECT token_hash FROM work_remote_secrets WHERE identity_id = ?::bpchar").param(rita.id())
                .query(byte[].class).single();
        assertThat(stored).isNotEqualTo(token);

        Map<String, Object> delete = fields(rita, "Rita");
        delete.put("secretAuthenticationToken", b64(token));
        fixtures.workChallenged(HttpMethod.DELETE, PATH, delete, rita.keys().secretKey()).expectStatus().isNoContent();
        wire.exchange(PATH, Map.of("secretAuthenticationToken", b64(token))).expectStatus().isNotFound();
        fixtures.workChallenged(HttpMethod.DELETE, PATH, delete, rita.keys().secretKey()).expectStatus().isNotFound();
    }

    @Test
    void unknownAndMalformedTokens() {
        wire.exchange(PATH, Map.of("secretAuthenticationToken", b64(CryptoRandom.bytes(32)))).expectStatus().isNotFound();
        wire.exchange(PATH, Map.of("secretAuthenticationToken", b64(new byte[31]))).expectStatus().isBadRequest();
        wire.exchange(PATH, Map.of("secretAuthenticationToken", "%%%")).expectStatus().isBadRequest();
        wire.exchange(PATH, Map.of()).expectStatus().isBadRequest();
    }

    @Test
    void creationNeedsCredentialsAndTheWorkChallenge() {
        Created sven = fixtures.colleague("Sven", "Secret", "c1");
        Map<String, Object> fields = fields(sven, "Sven");
        fields.put("secret", b64(CryptoRandom.bytes(32)));

        Map<String, Object> badPassword = new HashMap<>(fields);
        badPassword.put("password", "wrong");
        wire.exchange(HttpMethod.PUT, PATH, badPassword).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-credentials");

        Map<String, Object> consumerAnswer = fixtures.answered(HttpMethod.PUT, PATH, fields, sven.keys().secretKey(),
                DirectoryRealm.CONSUMER);
        wire.exchange(HttpMethod.PUT, PATH, consumerAnswer).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-challenge-response");

        Map<String, Object> shortSecret = new HashMap<>(fields);
        shortSecret.put("secret", b64(new byte[16]));
        wire.exchange(HttpMethod.PUT, PATH, shortSecret).expectStatus().isBadRequest();
        assertThat(jdbc.sql("SELECT count(*) FROM work_remote_secrets WHERE identity_id = ?::bpchar").param(sven.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theOperatorLocksAnIdentitysAppsAndRevocationBlocksThem() {
        Created lena = fixtures.colleague("Lena", "Locked", "c1");
        byte[] first = create(lena, "Lena", CryptoRandom.bytes(32));
        byte[] second = create(lena, "Lena", CryptoRandom.bytes(32));
        admin().delete().uri("/admin/v1/identities/" + lena.id() + "/remote-secrets").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.deleted").isEqualTo(2);
        wire.exchange(PATH, Map.of("secretAuthenticationToken", b64(first))).expectStatus().isNotFound();
        wire.exchange(PATH, Map.of("secretAuthenticationToken", b64(second))).expectStatus().isNotFound();

        Created rolf = fixtures.colleague("Rolf", "Revoked", "c1");
        byte[] token = create(rolf, "Rolf", CryptoRandom.bytes(32));
        admin().post().uri("/admin/v1/identities/" + rolf.id() + "/revoke").exchange().expectStatus().isNoContent();
        wire.exchange(PATH, Map.of("secretAuthenticationToken", b64(token))).expectStatus().isForbidden();
    }
}
