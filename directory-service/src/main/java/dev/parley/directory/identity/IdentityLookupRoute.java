package dev.parley.directory.identity;

import dev.parley.common.identity.ThreemaId;
import dev.parley.service.batch.Coalescer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET identity/<ID>} (PROTOCOLS.md §1.4) as a functional route with the body written by
 * {@link IdentityJson}: every contact a client adds, and every key the chat server has not cached,
 * comes through here, so it skips the annotated-controller argument resolution and the map
 * serialization that the other endpoints can afford.
 */
@Configuration(proxyBeanMethods = false)
class IdentityLookupRoute {

    private static final Logger log = LoggerFactory.getLogger(IdentityLookupRoute.class);
    private static final byte[] NOT_FOUND = "{\"error\":\"not found\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OVERLOADED = "{\"error\":\"overloaded\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INTERNAL_ERROR = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.US_ASCII);

    @Bean
    RouterFunction<ServerResponse> identityLookup(IdentityService identities) {
        return RouterFunctions.route(RequestPredicates.GET("/identity/{id}"), request -> fetch(identities, request));
    }

    private static Mono<ServerResponse> fetch(IdentityService identities, ServerRequest request) {
        String id = request.pathVariable("id");
        if (!ThreemaId.isValid(id)) {
            return notFound();
        }
        return identities.find(id)
                .flatMap(identity -> ServerResponse.ok().cacheControl(CacheControl.noCache())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(IdentityJson.lookup(identity)))
                .switchIfEmpty(Mono.defer(IdentityLookupRoute::notFound))
                .onErrorResume(IdentityLookupRoute::failed);
    }

    /** The same answers the annotated endpoints give through {@code ApiExceptionHandler}. */
    private static Mono<ServerResponse> failed(Throwable error) {
        if (error instanceof Coalescer.Overloaded) {
            return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(OVERLOADED);
        }
        log.error("identity lookup failed: {}", error.toString());
        return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INTERNAL_ERROR);
    }

    private static Mono<ServerResponse> notFound() {
        return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON).bodyValue(NOT_FOUND);
    }
}
