package dev.parley.directory.work;

import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import dev.parley.directory.challenge.ChallengeFailedException;
import dev.parley.directory.challenge.ChallengeService;
import dev.parley.directory.identity.Identity;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.web.JsonRequest;
import dev.parley.directory.web.UnauthorizedException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The two phases of a Work API endpoint with the {@code wdir} challenge (PROTOCOLS.md §1.2 item 3):
 * Work credentials always; without {@code challenge}/{@code response} the answer is
 * {@code {challengePublicKey, challenge}}; with them the identity's key must have answered and
 * {@code action} runs for the Work user. Every refusal is 401 with the Work error code.
 */
@Component
public class WorkChallengeFlow {

    private final ChallengeService challenges;
    private final IdentityService identities;
    private final WorkService work;

    public WorkChallengeFlow(ChallengeService challenges, IdentityService identities, WorkService work) {
        this.challenges = challenges;
        this.identities = identities;
        this.work = work;
    }

    public Mono<ResponseEntity<Object>> run(JsonRequest request, String endpoint, String identity, String username,
                                            String password, Function<WorkUser, Mono<ResponseEntity<Object>>> action) {
        Mono<WorkUser> user = work.require(username, password);
        Mono<byte[]> key = identities.find(identity).filter(Identity::usable).map(Identity::publicKey)
                .switchIfEmpty(Mono.error(() -> new UnauthorizedException("invalid-credentials")));
        if (!request.has("challenge") && !request.has("response")) {
            return user.then(key).then(challenges.issue(DirectoryRealm.WORK, endpoint, identity)).map(c -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("challengePublicKey", Base64.getEncoder().encodeToString(c.publicKey()));
                answer.put("challenge", Base64.getEncoder().encodeToString(c.token()));
                return ResponseEntity.ok(answer);
            });
        }
        byte[] token = request.base64Bounded("challenge", 64);
        byte[] response = request.base64Bounded("response", 64);
        return user.flatMap(u -> key
                .flatMap(k -> challenges.verify(DirectoryRealm.WORK, endpoint, identity, k, token, response))
                .onErrorMap(ChallengeFailedException.class, e -> new UnauthorizedException(e.reason().workCode()))
                .then(Mono.defer(() -> action.apply(u))));
    }
}
