package dev.parley.directory.challenge;

import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.JsonRequest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The two phases of a consumer-directory challenge endpoint in one call: without
 * {@code token}/{@code response} the request gets a challenge; with them the response is checked
 * and {@code action} runs. A failed check is an application error (200, success false).
 */
@Component
public class ChallengeFlow {

    private final ChallengeService challenges;

    public ChallengeFlow(ChallengeService challenges) {
        this.challenges = challenges;
    }

    /**
     * @param subject   what the token is bound to besides the endpoint: the identity, or the new
     *                  public key for identity creation
     * @param publicKey the key whose owner must answer; resolved in both phases, so an unknown
     *                  identity fails before a challenge is issued
     */
    public Mono<Map<String, Object>> run(JsonRequest request, String endpoint, String subject, Mono<byte[]> publicKey,
                                         Supplier<Mono<Map<String, Object>>> action) {
        return run(request, endpoint, subject, publicKey, Map.of(), action);
    }

    /** As {@link #run(JsonRequest, String, String, Mono, Supplier)}, with extra fields in the phase-1 answer. */
    public Mono<Map<String, Object>> run(JsonRequest request, String endpoint, String subject, Mono<byte[]> publicKey,
                                         Map<String, Object> phaseOneExtras,
                                         Supplier<Mono<Map<String, Object>>> action) {
        Mono<byte[]> key = publicKey.switchIfEmpty(Mono.error(() -> new ApiException("Unknown identity")));
        if (!request.has("token") && !request.has("response")) {
            return key.then(challenges.issue(DirectoryRealm.CONSUMER, endpoint, subject)).map(challenge -> {
                Map<String, Object> body = new LinkedHashMap<>(phaseOneExtras);
                body.put("token", Base64.getEncoder().encodeToString(challenge.token()));
                body.put("tokenRespKeyPub", Base64.getEncoder().encodeToString(challenge.publicKey()));
                return body;
            });
        }
        byte[] token = request.base64Bounded("token", 64);
        byte[] response = request.base64Bounded("response", 64);
        return key
                .flatMap(k -> challenges.verify(DirectoryRealm.CONSUMER, endpoint, subject, k, token, response))
                .onErrorMap(ChallengeFailedException.class, e -> new ApiException(e.getMessage()))
                .then(Mono.defer(action));
    }
}
