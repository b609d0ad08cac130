package dev.parley.pushrelay.web;

import dev.parley.pushrelay.push.PushException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /push} on the bare request and response, below WebFlux's exchange, dispatcher and
 * codecs. For a form of a few hundred bytes those were most of what a request cost: building the
 * exchange alone looks up a form reader among all codecs for every form request. The answers are
 * the same bytes the functional route gave (PROTOCOLS §4.2).
 */
final class PushHandler {

    private static final Logger log = LoggerFactory.getLogger(PushHandler.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String TEXT_PLAIN = "text/plain";
    /** Far above any real request (a few hundred bytes); bounds memory per request. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final byte[] MISSING_CONTENT_TYPE = ascii("Missing content type");
    private static final byte[] PUSH_NOT_SUCCESSFUL = ascii("Push not successful");
    private static final byte[] PAYLOAD_TOO_LARGE = ascii("Payload too large");

    private final WakeupService wakeups;

    PushHandler(WakeupService wakeups) {
        this.wakeups = wakeups;
    }

    Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        HttpHeaders headers = request.getHeaders();
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return text(response, HttpStatus.BAD_REQUEST, MISSING_CONTENT_TYPE);
        }
        if (!contentType.startsWith(FORM)) {
            return text(response, HttpStatus.BAD_REQUEST,
                    ("Invalid content type: " + contentType).getBytes(StandardCharsets.UTF_8));
        }
        // A declared length over the bound is refused before any of the body is read.
        if (headers.getContentLength() > MAX_BODY_BYTES) {
            return text(response, HttpStatus.PAYLOAD_TOO_LARGE, PAYLOAD_TOO_LARGE);
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(PushHandler::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> answer(response, body))
                .onErrorResume(DataBufferLimitException.class,
                        e -> text(response, HttpStatus.PAYLOAD_TOO_LARGE, PAYLOAD_TOO_LARGE));
    }

    private Mono<Void> answer(ServerHttpResponse response, byte[] body) {
        WakeupRequest wakeup;
        try {
            wakeup = WakeupRequest.from(FormBody.parse(body));
        } catch (WakeupRequest.Rejected rejected) {
            return text(response, HttpStatus.BAD_REQUEST, rejected.body());
        }
        return wakeups.send(wakeup)
                .then(Mono.defer(() -> {
                    response.setStatusCode(HttpStatus.NO_CONTENT);
                    response.getHeaders().set(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN);
                    return response.setComplete();
                }))
                .onErrorResume(error -> {
                    PushException failure = PushException.classify(error);
                    log.info("push not successful: {}", failure.getMessage());
                    return text(response, HttpStatus.valueOf(failure.kind().status()), PUSH_NOT_SUCCESSFUL);
                });
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static Mono<Void> text(ServerHttpResponse response, HttpStatus status, byte[] body) {
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN);
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
