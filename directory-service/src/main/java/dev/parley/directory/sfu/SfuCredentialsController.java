package dev.parley.directory.sfu;

import dev.parley.common.authtoken.AuthTokens;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.JsonRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code identity/sfu_cred} (PROTOCOLS.md §1.8): a short-lived token that group-call clients send
 * to the SFU as {@code Authorization: ThreemaSfuToken <token>}. It is a parley auth token whose
 * subject is the identity, so an SFU holding the same secret verifies it without calling back.
 */
@RestController
public class SfuCredentialsController {

    private final ChallengeFlow challenge;
    private final IdentityService identities;
    private final DirectoryProperties.Sfu sfu;
    private final byte[] secret;

    public SfuCredentialsController(ChallengeFlow challenge, IdentityService identities, DirectoryProperties properties) {
        this.challenge = challenge;
        this.identities = identities;
        this.sfu = properties.sfu();
        this.secret = sfu.tokenSecret() == null ? null : sfu.tokenSecret().getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("identity/sfu_cred")
    public Mono<Map<String, Object>> sfuCredentials(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        return challenge.run(request, "identity/sfu_cred", id, identities.challengeKey(id), () -> {
            if (secret == null || sfu.baseUrl() == null || sfu.baseUrl().isBlank()) {
                return Mono.error(new ApiException("Group calls are not configured"));
            }
            Instant expiry = Instant.now().plus(sfu.tokenTtl());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("success", true);
            result.put("sfuBaseUrl", sfu.baseUrl());
            result.put("allowedSfuHostnameSuffixes", sfu.allowedHostnameSuffixes());
            result.put("sfuToken", AuthTokens.issue(secret, id, expiry));
            result.put("expiration", sfu.tokenTtl().toSeconds());
            return Mono.just(result);
        });
    }
}
