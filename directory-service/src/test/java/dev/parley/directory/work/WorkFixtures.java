package dev.parley.directory.work;

import static dev.parley.directory.WireClient.b64;
import static dev.parley.directory.WireClient.unb64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import dev.parley.directory.WireClient;
import dev.parley.directory.WireClient.Created;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** A Work organisation of its own per test, and colleagues in it who signed in the way a Work client does. */
public final class WorkFixtures {

    private final WireClient wire;
    private final WorkRepository repository;
    private final JdbcClient jdbc;
    private final String prefix;
    private final long orgId;

    public WorkFixtures(WireClient wire, WorkRepository repository, JdbcClient jdbc) {
        this.wire = wire;
        this.repository = repository;
        this.jdbc = jdbc;
        this.prefix = Long.toString(System.nanoTime(), 36);
        this.orgId = repository.createOrg(jdbc, "Org " + prefix, "https://support.example/", "https://logo/light.png", null, true);
        repository.putCategory(jdbc, orgId, "c1", "Engineering");
        repository.putCategory(jdbc, orgId, "c2", "Sales");
    }

    public String prefix() {
        return prefix;
    }

    public long orgId() {
        return orgId;
    }

    /** A Work user with an identity attached through update_work_info. */
    public Created colleague(String first, String last, String category) {
        String username = prefix + "-" + first.toLowerCase();
        repository.createUser(jdbc, orgId, username, Passwords.hash("pw-" + first), null, null, null, null, null, List.of());
        Created created = wire.create();
        Map<String, Object> fields = new HashMap<>();
        fields.put("identity", created.id());
        fields.put("licenseUsername", username);
        fields.put("licensePassword", "pw-" + first);
        fields.put("publicNickname", first);
        fields.put("version", "6.0;A;en/CH;test;14");
        fields.put("firstName", first);
        fields.put("lastName", last);
        fields.put("category", category);
        fields.put("jobTitle", "Engineer");
        fields.put("department", null);
        JsonNode result = wire.challenged("identity/update_work_info", fields, created.keys().secretKey());
        assertThat(result.get("success").booleanValue()).as("%s", result).isTrue();
        return created;
    }

    /** The Work credentials of the colleague named {@code first}. */
    public Map<String, Object> credentials(String first) {
        return new HashMap<>(Map.of("username", prefix + "-" + first.toLowerCase(), "password", "pw-" + first));
    }

    /** Phase 1 of a {@code wdir} endpoint, answered with {@code secretKey} in {@code realm}: the phase-2 fields. */
    public Map<String, Object> answered(HttpMethod method, String path, Map<String, Object> fields, byte[] secretKey,
                                        DirectoryRealm realm) {
        JsonNode phaseOne = wire.json(method, path, fields);
        byte[] challenge = unb64(phaseOne.get("challenge"));
        byte[] response = ProtocolKeys.directoryChallengeResponse(secretKey, unb64(phaseOne.get("challengePublicKey")),
                realm, challenge);
        Map<String, Object> phaseTwo = new HashMap<>(fields);
        phaseTwo.put("challenge", b64(challenge));
        phaseTwo.put("response", b64(response));
        return phaseTwo;
    }

    /** Both phases of a {@code wdir} endpoint, answered correctly. */
    public WebTestClient.ResponseSpec workChallenged(HttpMethod method, String path, Map<String, Object> fields,
                                                     byte[] secretKey) {
        return wire.exchange(method, path, answered(method, path, fields, secretKey, DirectoryRealm.WORK));
    }
}
