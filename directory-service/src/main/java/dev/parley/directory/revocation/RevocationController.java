package dev.parley.directory.revocation;

import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.web.JsonRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** {@code set_revocation_key}, {@code check_revocation_key}, {@code revoke}, {@code ws/revoke} (PROTOCOLS.md §1.7). */
@RestController
public class RevocationController {

    /**
     * Android parses {@code lastChanged} with {@code SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssZ")},
     * which rejects {@code Z} and {@code +00:00}: always UTC, written as {@code +0000}.
     */
    static final DateTimeFormatter LAST_CHANGED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+0000'").withZone(ZoneOffset.UTC);

    private static final int REVOCATION_KEY_BYTES = 4;

    private final ChallengeFlow challenge;
    private final IdentityService identities;
    private final RevocationService revocation;

    public RevocationController(ChallengeFlow challenge, IdentityService identities, RevocationService revocation) {
        this.challenge = challenge;
        this.identities = identities;
        this.revocation = revocation;
    }

    @PostMapping("identity/set_revocation_key")
    public Mono<Map<String, Object>> setKey(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        byte[] key = request.base64("revocationKey", REVOCATION_KEY_BYTES);
        return challenge.run(request, "identity/set_revocation_key", id, identities.challengeKey(id),
                () -> revocation.setKey(id, key).map(updated -> Map.of("success", updated)));
    }

    @PostMapping("identity/check_revocation_key")
    public Mono<Map<String, Object>> checkKey(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        return challenge.run(request, "identity/check_revocation_key", id, identities.challengeKey(id),
                () -> identities.requireUsable(id).map(identity -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    boolean set = identity.revocationKey() != null;
                    result.put("revocationKeySet", set);
                    if (set) {
                        result.put("lastChanged", LAST_CHANGED.format(identity.revocationKeyChangedAt()));
                    }
                    return result;
                }));
    }

    @PostMapping("identity/revoke")
    public Mono<Map<String, Object>> revoke(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        return challenge.run(request, "identity/revoke", id, identities.challengeKey(id),
                () -> revocation.revoke(id).map(revoked -> Map.of("success", revoked)));
    }

    @PostMapping("identity/ws/revoke")
    public Mono<Map<String, Object>> revokeWithKey(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        byte[] key = request.base64("revocationKey", REVOCATION_KEY_BYTES);
        return revocation.revokeWithKey(id, key).thenReturn(Map.of("success", true));
    }
}
