package dev.parley.directory.internal;

import dev.parley.directory.web.BadRequestException;
import dev.parley.directory.web.JsonRequest;
import java.util.function.BiFunction;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** What every admin route with a JSON body shares: bad input is 400, a duplicate 409. */
public final class AdminHandlers {

    private AdminHandlers() {
    }

    public static HandlerFunction<ServerResponse> json(BiFunction<ServerRequest, JsonRequest, Mono<ServerResponse>> handler) {
        return request -> request.bodyToMono(JsonNode.class)
                .switchIfEmpty(Mono.error(() -> new BadRequestException("request body required")))
                .flatMap(body -> handler.apply(request, JsonRequest.of(body)))
                .onErrorResume(BadRequestException.class, e -> InternalServer.error(HttpStatus.BAD_REQUEST, e.getMessage()))
                .onErrorResume(ServerWebInputException.class, e -> InternalServer.error(HttpStatus.BAD_REQUEST, "malformed request body"))
                .onErrorResume(DuplicateKeyException.class, e -> InternalServer.error(HttpStatus.CONFLICT, "already exists"));
    }

    /** A numeric path variable, or empty when it is not one (the caller answers 404). */
    public static java.util.OptionalLong longVariable(ServerRequest request, String name) {
        try {
            return java.util.OptionalLong.of(Long.parseLong(request.pathVariable(name)));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }
}
