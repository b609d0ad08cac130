package dev.parley.directory.authtoken;

import dev.parley.common.authtoken.AuthTokens;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.JsonRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code identity/blob_cred} (PROTOCOLS.md §1.8): a short-lived token for the blob server, sent as
 * {@code Authorization: ThreemaBlobToken <token>}. Signed with the same shared secret as the
 * OnPrem {@code auth_token}, with the identity as subject, so media verifies it offline.
 */
@RestController
public class BlobCredentialsController {

    private final ChallengeFlow challenge;
    private final IdentityService identities;
    private final byte[] secret;
    private final Duration ttl;

    public BlobCredentialsController(ChallengeFlow challenge, IdentityService identities, DirectoryProperties properties) {
        this.challenge = challenge;
        this.identities = identities;
        String configured = properties.work().authTokenSecret();
        this.secret = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
        this.ttl = properties.work().authTokenTtl();
    }

    @PostMapping("identity/blob_cred")
    public Mono<Map<String, Object>> blobCredentials(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        return challenge.run(request, "identity/blob_cred", id, identities.challengeKey(id), () -> {
            if (secret == null) {
                return Mono.error(new ApiException("Blob tokens are not configured"));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("success", true);
            result.put("token", AuthTokens.issue(secret, id, Instant.now().plus(ttl)));
            result.put("expiration", ttl.toSeconds());
            return Mono.just(result);
        });
    }
}
