package dev.parley.directory.identity;

import dev.parley.common.encoding.Hex;
import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.licence.LicenceCheck;
import dev.parley.directory.web.ApiException;
import dev.parley.directory.web.JsonRequest;
import dev.parley.directory.work.WorkService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code identity/create} (PROTOCOLS.md §1.3): the challenge proves the client holds the secret
 * key of the public key it registers; the licence check decides whether it may.
 */
@RestController
public class CreateIdentityController {

    private final IdentityService identities;
    private final ChallengeFlow challenge;
    private final LicenceCheck licence;
    private final String serverGroup;
    private final WorkService work;

    public CreateIdentityController(IdentityService identities, ChallengeFlow challenge, LicenceCheck licence,
                                    DirectoryProperties properties, WorkService work) {
        this.work = work;
        this.identities = identities;
        this.challenge = challenge;
        this.licence = licence;
        this.serverGroup = properties.identity().serverGroup();
    }

    @PostMapping("identity/create")
    public Mono<Map<String, Object>> create(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        byte[] publicKey = request.base64("publicKey", 32);
        return challenge.run(request, "identity/create", Hex.encode(publicKey), Mono.just(publicKey),
                () -> licence.check(request).flatMap(result -> {
                    if (!result.allowed()) {
                        return Mono.error(new ApiException(result.error()));
                    }
                    int type = result.workUserId() == null ? Identity.TYPE_REGULAR : Identity.TYPE_WORK;
                    return identities.create(publicKey, type, serverGroup).flatMap(created ->
                            result.workUserId() == null || created.isEmpty() ? Mono.just(created)
                                    : work.call(client -> {
                                        work.repository().attachIdentity(client, result.workUserId(), created.get().id());
                                        return created;
                                    }));
                }).map(created -> {
                    Identity identity = created.orElseThrow(() -> new ApiException("Public key already in use"));
                    Map<String, Object> response = new LinkedHashMap<>();
                    response.put("success", true);
                    response.put("identity", identity.id());
                    response.put("serverGroup", identity.serverGroup());
                    return response;
                }));
    }
}
