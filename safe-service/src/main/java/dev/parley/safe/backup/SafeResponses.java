package dev.parley.safe.backup;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The service's error shape: a status and one short line of text. */
public final class SafeResponses {

    private SafeResponses() {
    }

    public static Mono<ServerResponse> error(HttpStatusCode status, String message) {
        return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(message + "\n");
    }
}
