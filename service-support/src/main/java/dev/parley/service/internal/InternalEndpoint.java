package dev.parley.service.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code POST} endpoint of a service's internal API taking a JSON object, as a filter of the
 * management server so that the public port never serves it. The caller's bearer secret is
 * checked before the body is read, and the body is read only up to a bound, so an unauthenticated
 * or oversized request costs no more than its headers and the bound. Refusals name the fault in
 * {@code {"<field>": "..."}}: 405, 401, 413, and 400 for a body that is no JSON object or that the
 * handler finds {@link InvalidRequest invalid}.
 */
public final class InternalEndpoint implements WebFilter {

    /** Turns an authenticated JSON object into the answer. */
    @FunctionalInterface
    public interface Handler {
        Mono<InternalReply> handle(JsonNode body) throws InvalidRequest;
    }

    private final String path;
    private final BearerSecret secret;
    private final int maxBodyBytes;
    private final String messageField;
    private final Handler handler;
    private final JsonMapper json = JsonMapper.builder().build();

    public InternalEndpoint(String path, BearerSecret secret, int maxBodyBytes, String messageField, Handler handler) {
        this.path = path;
        this.secret = secret;
        this.maxBodyBytes = maxBodyBytes;
        this.messageField = messageField;
        this.handler = handler;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!path.equals(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        if (exchange.getRequest().getMethod() != HttpMethod.POST) {
            response.getHeaders().setAllow(Set.of(HttpMethod.POST));
            return write(response, InternalReply.text(HttpStatus.METHOD_NOT_ALLOWED, messageField, "method not allowed"));
        }
        if (!secret.accepts(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            return write(response, InternalReply.text(HttpStatus.UNAUTHORIZED, messageField,
                    "missing or wrong bearer secret").withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBodyBytes)
                .map(InternalEndpoint::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(this::handle)
                .onErrorResume(DataBufferLimitException.class,
                        e -> Mono.just(InternalReply.text(HttpStatus.PAYLOAD_TOO_LARGE, messageField, "body too large")))
                .flatMap(reply -> write(response, reply));
    }

    private Mono<InternalReply> handle(byte[] body) {
        try {
            return handler.handle(object(body));
        } catch (InvalidRequest invalid) {
            return Mono.just(InternalReply.text(HttpStatus.BAD_REQUEST, messageField, invalid.getMessage()));
        }
    }

    private JsonNode object(byte[] body) throws InvalidRequest {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (RuntimeException e) {
            throw new InvalidRequest("body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequest("body is not a JSON object");
        }
        return node;
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    private static Mono<Void> write(ServerHttpResponse response, InternalReply reply) {
        response.setStatusCode(reply.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        reply.headers().forEach(response.getHeaders()::set);
        byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
