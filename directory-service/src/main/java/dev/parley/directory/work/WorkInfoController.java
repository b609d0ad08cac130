package dev.parley.directory.work;

import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.JsonRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What a Work client reports about its user: {@code identity/update_work_info} (consumer
 * challenge plus Work credentials) and {@code api-client/v1/user-properties} (the {@code wdir}
 * challenge variant, PROTOCOLS.md §1.2 item 3). Either ties the identity to the Work user.
 */
@RestController
public class WorkInfoController {

    private static final int MAX_FIELD = 256;
    private static final int MAX_PROPERTIES = 16 * 1024;

    private final ChallengeFlow challenge;
    private final WorkChallengeFlow workChallenge;
    private final IdentityService identities;
    private final WorkService work;

    public WorkInfoController(ChallengeFlow challenge, WorkChallengeFlow workChallenge, IdentityService identities,
                              WorkService work) {
        this.challenge = challenge;
        this.workChallenge = workChallenge;
        this.identities = identities;
        this.work = work;
    }

    @PostMapping("identity/update_work_info")
    public Mono<Map<String, Object>> updateWorkInfo(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        String username = request.string("licenseUsername", MAX_FIELD);
        String password = request.string("licensePassword", MAX_FIELD);
        String nickname = request.optString("publicNickname", MAX_FIELD);
        String version = request.optString("version", MAX_FIELD);
        String firstName = request.optString("firstName", MAX_FIELD);
        String lastName = request.optString("lastName", MAX_FIELD);
        String csi = request.optString("csi", MAX_FIELD);
        String category = request.optString("category", MAX_FIELD);
        String jobTitle = request.optString("jobTitle", MAX_FIELD);
        String department = request.optString("department", MAX_FIELD);
        return challenge.run(request, "identity/update_work_info", id, identities.challengeKey(id),
                () -> work.authenticate(username, password)
                        .switchIfEmpty(Mono.error(() -> new ApiException("Invalid Work credentials")))
                        .flatMap(user -> work.call(client -> {
                            work.repository().attachIdentity(client, user.id(), id);
                            work.repository().updateInfo(client, user.id(), firstName, lastName, csi, category,
                                    jobTitle, department, nickname, version);
                            return Map.<String, Object>of("success", true);
                        })));
    }

    @PostMapping("api-client/v1/user-properties")
    public Mono<ResponseEntity<Object>> userProperties(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        String username = request.string("username", MAX_FIELD);
        String password = request.string("password", MAX_FIELD);
        byte[] properties = request.base64Bounded("properties", MAX_PROPERTIES);
        return workChallenge.run(request, "api-client/v1/user-properties", id, username, password,
                user -> work.call(client -> {
                    work.repository().attachIdentity(client, user.id(), id);
                    work.repository().setProperties(client, user.id(), properties);
                    return ResponseEntity.noContent().build();
                }));
    }
}
