package dev.parley.directory.remotesecret;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.Sha256;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.web.JsonRequest;
import dev.parley.directory.web.NotFoundException;
import dev.parley.directory.work.WorkChallengeFlow;
import dev.parley.service.jdbc.BlockingJdbc;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code api-client/v1/remote-secret} (PROTOCOLS.md §1.9): a Work app stores a 32-byte secret
 * that its local key depends on and gets a 32-byte authentication token for it ({@code PUT},
 * Work credentials plus the {@code wdir} challenge); it fetches the secret with the token alone
 * ({@code POST}) every {@code checkIntervalS}, and removes it when it stops using it
 * ({@code DELETE}, challenged like {@code PUT}). Deleting an identity's secrets through the admin
 * API locks its apps: the fetch answers 404, or 403 once the identity is revoked.
 */
@RestController
public class RemoteSecretController {

    static final String PATH = "api-client/v1/remote-secret";
    static final int LENGTH = 32;
    /** Secrets one identity may hold at once; each of its devices keeps one. */
    static final int MAX_PER_IDENTITY = 16;
    private static final int MAX_FIELD = 256;

    private final WorkChallengeFlow workChallenge;
    private final BlockingJdbc jdbc;
    private final RemoteSecretRepository secrets;
    private final DirectoryProperties.Work config;

    public RemoteSecretController(WorkChallengeFlow workChallenge, BlockingJdbc jdbc,
                                  RemoteSecretRepository secrets, DirectoryProperties properties) {
        this.workChallenge = workChallenge;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.config = properties.work();
    }

    @PutMapping(PATH)
    public Mono<ResponseEntity<Object>> create(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String identity = request.identity("identity");
        String username = request.string("username", MAX_FIELD);
        String password = request.string("password", MAX_FIELD);
        byte[] secret = request.base64("secret", LENGTH);
        return workChallenge.run(request, PATH, identity, username, password, user -> jdbc.call(client -> {
            if (secrets.countForIdentity(client, identity) >= MAX_PER_IDENTITY) {
                return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(Map.of("error", "too many remote secrets"));
            }
            byte[] token = CryptoRandom.bytes(LENGTH);
            secrets.insert(client, Sha256.hash(token), user.id(), identity, secret);
            return ResponseEntity.ok(Map.of("secretAuthenticationToken", Base64.getEncoder().encodeToString(token)));
        }));
    }

    @DeleteMapping(PATH)
    public Mono<ResponseEntity<Object>> delete(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String identity = request.identity("identity");
        String username = request.string("username", MAX_FIELD);
        String password = request.string("password", MAX_FIELD);
        byte[] token = request.base64("secretAuthenticationToken", LENGTH);
        return workChallenge.run(request, PATH, identity, username, password, user -> jdbc.call(client ->
                secrets.delete(client, Sha256.hash(token), user.id(), identity)
                        ? ResponseEntity.noContent().build()
                        : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not found"))));
    }

    @PostMapping(PATH)
    public Mono<ResponseEntity<Object>> fetch(@RequestBody JsonNode body) {
        byte[] token = JsonRequest.of(body).base64("secretAuthenticationToken", LENGTH);
        return jdbc.call(client -> secrets.find(client, Sha256.hash(token)))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Mono.error(new NotFoundException());
                    }
                    if (!found.get().identityUsable()) {
                        return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).<Object>body(Map.of("error", "blocked")));
                    }
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("secret", Base64.getEncoder().encodeToString(found.get().secret()));
                    answer.put("checkIntervalS", config.remoteSecretCheckInterval().toSeconds());
                    answer.put("nMissedChecksMax", config.remoteSecretMissedChecksMax());
                    return Mono.just(ResponseEntity.ok().<Object>body(answer));
                });
    }
}
