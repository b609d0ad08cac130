package dev.parley.pushrelay.internal;

import dev.parley.service.internal.InternalEndpoint;
import dev.parley.service.internal.InternalReply;
import dev.parley.service.internal.InvalidRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /internal/v1/push} on the management port, for the chat gateway only: the
 * {@link InternalEndpoint} checks the bearer secret, bounds the body and reads the JSON object;
 * this answers 202 when queued and 503 when the provider's queue is full.
 */
final class InternalPushHandler implements InternalEndpoint.Handler {

    static final String PATH = "/internal/v1/push";
    static final int MAX_BODY_BYTES = 4096;
    /** Every answer is {@code {"status": "..."}}, as the relay's README documents. */
    static final String FIELD = "status";

    private final InternalPushService service;

    InternalPushHandler(InternalPushService service) {
        this.service = service;
    }

    @Override
    public Mono<InternalReply> handle(JsonNode body) throws InvalidRequest {
        if (!service.submit(InternalPushRequest.parse(body))) {
            return Mono.just(InternalReply.text(HttpStatus.SERVICE_UNAVAILABLE, FIELD, "push queue full, push dropped")
                    .withHeader(HttpHeaders.RETRY_AFTER, "1"));
        }
        return Mono.just(InternalReply.text(HttpStatus.ACCEPTED, FIELD, "queued"));
    }
}
