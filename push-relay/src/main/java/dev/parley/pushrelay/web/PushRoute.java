package dev.parley.pushrelay.web;

import dev.parley.pushrelay.push.PushException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /push}, request for request and status for status like threema-ch/push-relay
 * (PROTOCOLS §4.1–4.2); other methods on {@code /push} get 405, other paths 404. A functional
 * route: the relay does one small thing per request, so the annotated-controller machinery
 * (argument resolution, return-value handling) is a large share of what a request costs.
 */
@Configuration(proxyBeanMethods = false)
class PushRoute {

    private static final Logger log = LoggerFactory.getLogger(PushRoute.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    /** Far above any real request (a few hundred bytes); bounds memory per request. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    @Bean
    RouterFunction<ServerResponse> pushRoutes(WakeupService wakeups) {
        return RouterFunctions.route(RequestPredicates.POST("/push"), request -> push(wakeups, request))
                .andRoute(RequestPredicates.path("/push"),
                        request -> ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.POST).build());
    }

    private static Mono<ServerResponse> push(WakeupService wakeups, ServerRequest request) {
        String contentType = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return text(HttpStatus.BAD_REQUEST, "Missing content type");
        }
        if (!contentType.startsWith(FORM)) {
            return text(HttpStatus.BAD_REQUEST, "Invalid content type: " + contentType);
        }
        return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), MAX_BODY_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> handle(wakeups, body))
                .onErrorResume(DataBufferLimitException.class, e -> text(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large"));
    }

    private static Mono<ServerResponse> handle(WakeupService wakeups, byte[] body) {
        WakeupRequest request;
        try {
            request = WakeupRequest.from(FormBody.parse(body));
        } catch (WakeupRequest.Rejected rejected) {
            return text(HttpStatus.BAD_REQUEST, rejected.getMessage());
        }
        return wakeups.send(request)
                .then(Mono.defer(() -> ServerResponse.status(HttpStatus.NO_CONTENT).contentType(MediaType.TEXT_PLAIN).build()))
                .onErrorResume(error -> {
                    PushException failure = PushException.classify(error);
                    log.info("push not successful: {}", failure.getMessage());
                    return text(HttpStatus.valueOf(failure.kind().status()), "Push not successful");
                });
    }

    private static Mono<ServerResponse> text(HttpStatus status, String body) {
        return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(body);
    }
}
