package dev.parley.directory.internal;

import dev.parley.common.identity.ThreemaId;
import dev.parley.directory.identity.Identity;
import dev.parley.directory.identity.IdentityService;
import dev.parley.directory.web.BadRequestException;
import dev.parley.directory.web.JsonRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Key lookup for the chat gateway and other services: {@code GET /internal/v1/identities/<ID>}
 * and {@code POST /internal/v1/identities} with {@code {"identities": [...]}}. Callers may cache
 * answers for the {@code max-age} the response states; revocations are announced on the
 * {@code identity-revoked} channel so caches can drop them at once. A revoked identity is
 * still returned, with state 2, so callers can refuse it rather than ask again.
 */
@Component
class KeyLookupRoutes implements InternalRoutes {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final int MAX_BULK = 1000;

    private final IdentityService identities;

    KeyLookupRoutes(IdentityService identities) {
        this.identities = identities;
    }

    @Override
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/internal/v1/identities/{id}", this::single)
                .POST("/internal/v1/identities", this::bulk)
                .build();
    }

    private Mono<ServerResponse> single(ServerRequest request) {
        String id = request.pathVariable("id");
        if (!ThreemaId.isValid(id)) {
            return InternalServer.error(HttpStatus.NOT_FOUND, "unknown identity");
        }
        return identities.find(id)
                .flatMap(identity -> ServerResponse.ok().cacheControl(CacheControl.maxAge(MAX_AGE))
                        .eTag(etag(identity)).bodyValue(json(identity)))
                .switchIfEmpty(Mono.defer(() -> InternalServer.error(HttpStatus.NOT_FOUND, "unknown identity")));
    }

    private Mono<ServerResponse> bulk(ServerRequest request) {
        return request.bodyToMono(JsonNode.class)
                .map(body -> JsonRequest.of(body).identities("identities", MAX_BULK))
                .flatMap(ids -> identities.findAll(ids))
                .flatMap(found -> ServerResponse.ok().cacheControl(CacheControl.maxAge(MAX_AGE))
                        .bodyValue(Map.of("identities", found.stream().map(KeyLookupRoutes::json).toList())))
                .onErrorResume(BadRequestException.class, e -> InternalServer.error(HttpStatus.BAD_REQUEST, e.getMessage()))
                .onErrorResume(org.springframework.web.server.ServerWebInputException.class,
                        e -> InternalServer.error(HttpStatus.BAD_REQUEST, "malformed request body"));
    }

    static Map<String, Object> json(Identity identity) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identity", identity.id());
        json.put("publicKey", Base64.getEncoder().encodeToString(identity.publicKey()));
        json.put("state", identity.reportedState());
        json.put("type", identity.type());
        json.put("featureMask", identity.featureMask());
        return json;
    }

    private static String etag(Identity identity) {
        return "\"" + identity.reportedState() + "-" + Long.toHexString(identity.featureMask()) + "-" + identity.type() + "\"";
    }
}
