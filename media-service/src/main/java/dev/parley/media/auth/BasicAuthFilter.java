package dev.parley.media.auth;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.media.MediaProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Closed deployments: when Basic credentials are configured, every blob request must present
 * them, before any body is read. Off (a pass-through) when no username is configured.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BasicAuthFilter implements WebFilter {

    private static final String PREFIX = "Basic ";

    private final byte[] expected;

    public BasicAuthFilter(MediaProperties properties) {
        MediaProperties.Auth auth = properties.auth();
        this.expected = auth.basicEnabled()
                ? (auth.basicUsername() + ":" + (auth.basicPassword() == null ? "" : auth.basicPassword()))
                        .getBytes(StandardCharsets.UTF_8)
                : null;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (expected == null || exchange.getRequest().getPath().value().startsWith("/actuator")) {
            return chain.filter(exchange);
        }
        if (matches(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"parley-media\"");
        return response.setComplete();
    }

    private boolean matches(String header) {
        if (header == null || header.length() > 1024 || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return presented.length == expected.length && ConstantTime.equals(presented, expected);
    }
}
