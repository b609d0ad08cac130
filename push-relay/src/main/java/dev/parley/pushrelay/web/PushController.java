package dev.parley.pushrelay.web;

import dev.parley.pushrelay.push.PushException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /push}, request for request and status for status like threema-ch/push-relay
 * (PROTOCOLS §4.1–4.2). Other methods on {@code /push} get 405 and other paths 404 from WebFlux.
 */
@RestController
class PushController {

    private static final Logger log = LoggerFactory.getLogger(PushController.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    /** Far above any real request (a few hundred bytes); bounds memory per request. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final WakeupService wakeups;

    PushController(WakeupService wakeups) {
        this.wakeups = wakeups;
    }

    @PostMapping("/push")
    Mono<ResponseEntity<String>> push(ServerHttpRequest request) {
        String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return Mono.just(text(HttpStatus.BAD_REQUEST, "Missing content type"));
        }
        if (!contentType.startsWith(FORM)) {
            return Mono.just(text(HttpStatus.BAD_REQUEST, "Invalid content type: " + contentType));
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(this::handle)
                .onErrorResume(DataBufferLimitException.class,
                        e -> Mono.just(text(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large")));
    }

    private Mono<ResponseEntity<String>> handle(byte[] body) {
        WakeupRequest request;
        try {
            request = WakeupRequest.from(FormBody.parse(body));
        } catch (WakeupRequest.Rejected rejected) {
            return Mono.just(text(HttpStatus.BAD_REQUEST, rejected.getMessage()));
        }
        return wakeups.send(request)
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.NO_CONTENT)
                        .contentType(MediaType.TEXT_PLAIN).<String>build()))
                .onErrorResume(error -> {
                    PushException failure = PushException.classify(error);
                    log.info("push not successful: {}", failure.getMessage());
                    return Mono.just(text(HttpStatus.valueOf(failure.kind().status()), "Push not successful"));
                });
    }

    private static ResponseEntity<String> text(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
