package dev.parley.directory.identity;

import dev.parley.directory.challenge.ChallengeFlow;
import dev.parley.directory.web.JsonRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The identity endpoints around the key lookup ({@link IdentityLookupRoute}), PROTOCOLS.md §1.4, §1.8. */
@RestController
public class IdentityController {

    /** How many IDs one bulk request may name. */
    static final int MAX_BULK = 1000;
    /** Seconds until a client should ask {@code identity/check} or {@code match} again. */
    static final int CHECK_INTERVAL_SECONDS = 86_400;

    private final IdentityService identities;
    private final ChallengeFlow challenge;

    public IdentityController(IdentityService identities, ChallengeFlow challenge) {
        this.identities = identities;
        this.challenge = challenge;
    }

    @PostMapping("identity/fetch_bulk")
    public Mono<ResponseEntity<byte[]>> fetchBulk(@RequestBody JsonNode body) {
        List<String> ids = JsonRequest.of(body).identities("identities", MAX_BULK);
        return identities.findAll(ids).map(found -> {
            Map<String, Identity> byId = index(found);
            List<Identity> result = new ArrayList<>();
            for (String id : ids.stream().distinct().toList()) {
                Identity identity = byId.get(id);
                if (identity != null && identity.usable()) {
                    result.add(identity);
                }
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(IdentityJson.bulk(result));
        });
    }

    @PostMapping("identity/check")
    public Mono<Map<String, Object>> check(@RequestBody JsonNode body) {
        List<String> ids = JsonRequest.of(body).identities("identities", MAX_BULK);
        return identities.findAll(ids).map(found -> {
            Map<String, Identity> byId = index(found);
            List<Integer> states = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            List<Long> masks = new ArrayList<>();
            for (String id : ids) {
                Identity identity = byId.get(id);
                states.add(identity == null ? Identity.STATE_INVALID : identity.reportedState());
                types.add(identity == null ? Identity.TYPE_REGULAR : identity.type());
                masks.add(identity == null || !identity.usable() ? null : identity.featureMask());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("checkInterval", CHECK_INTERVAL_SECONDS);
            result.put("states", states);
            result.put("types", types);
            result.put("featureMasks", masks);
            return result;
        });
    }

    @PostMapping("identity/check_featuremask")
    public Mono<Map<String, Object>> checkFeatureMask(@RequestBody JsonNode body) {
        List<String> ids = JsonRequest.of(body).identities("identities", MAX_BULK);
        return identities.findAll(ids).map(found -> {
            Map<String, Identity> byId = index(found);
            List<Long> masks = new ArrayList<>();
            for (String id : ids) {
                Identity identity = byId.get(id);
                masks.add(identity == null || !identity.usable() ? null : identity.featureMask());
            }
            Map<String, Object> result = new HashMap<>();
            result.put("featureMasks", masks);
            return result;
        });
    }

    @PostMapping("identity/set_featuremask")
    public Mono<Map<String, Object>> setFeatureMask(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        long mask = request.longValue("featureMask");
        return challenge.run(request, "identity/set_featuremask", id, identities.challengeKey(id),
                () -> identities.setFeatureMask(id, mask).map(updated -> Map.of("success", updated)));
    }

    @PostMapping("identity/fetch_priv")
    public Mono<Map<String, Object>> fetchPrivate(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String id = request.identity("identity");
        return challenge.run(request, "identity/fetch_priv", id, identities.challengeKey(id),
                () -> identities.requireUsable(id).map(identity -> {
                    // Linked addresses are kept only as hashes, so there is no email or number to return.
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("success", true);
                    result.put("serverGroup", identity.serverGroup());
                    return result;
                }));
    }

    private static Map<String, Identity> index(List<Identity> found) {
        return found.stream().collect(Collectors.toMap(Identity::id, Function.identity()));
    }
}
