package dev.parley.directory.turn;

import dev.parley.common.crypto.Hmac;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.JsonRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code identity/turn_cred} (PROTOCOLS.md §1.8): time-limited TURN credentials in the coturn
 * REST scheme, {@code username = <expiry unix seconds>:<identity>} and
 * {@code password = base64(HMAC-SHA1(secret, username))}, which coturn checks with
 * {@code use-auth-secret} and the same {@code static-auth-secret}.
 */
@RestController
public class TurnCredentialsController {

    private final ChallengeFlow challenge;
    private final IdentityService identities;
    private final DirectoryProperties.Turn turn;

    public TurnCredentialsController(ChallengeFlow challenge, IdentityService identities, DirectoryProperties properties) {
        this.challenge = challenge;
        this.identities = identities;
        this.turn = properties.turn();
    }

    @PostMapping("identity/turn_cred")
    public Mono<Map<String, Object>> turnCredentials(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        request.optString("type", 16);
        return challenge.run(request, "identity/turn_cred", id, identities.challengeKey(id), () -> {
            if (turn.secret() == null || turn.secret().isEmpty() || turn.urls().isEmpty()) {
                return Mono.error(new ApiException("TURN is not configured"));
            }
            return Mono.just(credentials(id, Instant.now().plus(turn.ttl()).getEpochSecond()));
        });
    }

    Map<String, Object> credentials(String identity, long expiry) {
        String username = expiry + ":" + identity;
        byte[] mac = Hmac.sha1(turn.secret().getBytes(StandardCharsets.UTF_8), username.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", true);
        result.put("turnUrls", turn.urls());
        result.put("turnUrlsDualStack", turn.urlsDualStack().isEmpty() ? turn.urls() : turn.urlsDualStack());
        result.put("turnUsername", username);
        result.put("turnPassword", Base64.getEncoder().encodeToString(mac));
        result.put("expiration", turn.ttl().toSeconds());
        return result;
    }
}
