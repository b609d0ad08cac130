package dev.parley.pushrelay.internal;

import dev.parley.common.crypto.ConstantTime;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /internal/v1/push} on the management port, for the chat gateway only: a bearer secret
 * compared in constant time, a bounded JSON body, 202 when queued, 503 when the provider's queue is
 * full. Runs as a filter of the management server so that the public port never serves it.
 */
final class InternalApiFilter implements WebFilter {

    static final String PATH = "/internal/v1/push";
    private static final int MAX_BODY_BYTES = 4096;

    private final InternalPushService service;
    private final byte[] expectedAuthorization;
    private final JsonMapper json = JsonMapper.builder().build();

    InternalApiFilter(InternalPushService service, String apiSecret) {
        this.service = service;
        this.expectedAuthorization = ("Bearer " + apiSecret).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!PATH.equals(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        if (exchange.getRequest().getMethod() != HttpMethod.POST) {
            response.getHeaders().setAllow(java.util.Set.of(HttpMethod.POST));
            return reply(response, HttpStatus.METHOD_NOT_ALLOWED, "method not allowed");
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null
                || !ConstantTime.equals(authorization.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return reply(response, HttpStatus.UNAUTHORIZED, "missing or wrong bearer secret");
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY_BYTES)
                .map(InternalApiFilter::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    InternalPushRequest request;
                    try {
                        request = InternalPushRequest.parse(body, json);
                    } catch (InternalPushRequest.Invalid invalid) {
                        return reply(response, HttpStatus.BAD_REQUEST, invalid.getMessage());
                    }
                    if (!service.submit(request)) {
                        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
                        return reply(response, HttpStatus.SERVICE_UNAVAILABLE, "push queue full, push dropped");
                    }
                    return reply(response, HttpStatus.ACCEPTED, "queued");
                })
                .onErrorResume(DataBufferLimitException.class,
                        e -> reply(response, HttpStatus.PAYLOAD_TOO_LARGE, "body too large"));
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    /** A short JSON body {@code {"status": "..."}}; the texts are constants, never echoes of input. */
    private static Mono<Void> reply(ServerHttpResponse response, HttpStatus status, String message) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"status\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
