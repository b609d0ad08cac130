package dev.parley.media.auth;

import dev.parley.common.authtoken.AuthTokens;
import dev.parley.common.crypto.ConstantTime;
import dev.parley.media.MediaProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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
 * Closed deployments: every blob request must present configured HTTP Basic credentials, or the
 * OnPrem {@code Authorization: Token <t>} that the directory's {@code auth_token} issued, or the
 * {@code ThreemaBlobToken <t>} of its {@code identity/blob_cred} (both verified
 * offline with the shared {@code parley.auth-token.secret}), before any body is read. With neither
 * enabled it passes everything. The actuator on the internal port is never behind it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class MediaAuthFilter implements WebFilter {

    private static final String BASIC = "Basic ";
    private static final int MAX_AUTHORIZATION_CHARS = 1024;

    private final byte[] basicExpected;
    private final byte[] tokenSecret;
    private final Clock clock;

    @Autowired
    public MediaAuthFilter(MediaProperties properties, @Value("${parley.auth-token.secret:}") String tokenSecret) {
        this(properties, tokenSecret, Clock.systemUTC());
    }

    MediaAuthFilter(MediaProperties properties, String tokenSecret, Clock clock) {
        MediaProperties.Auth auth = properties.auth();
        this.basicExpected = auth.basicEnabled()
                ? (auth.basicUsername() + ":" + (auth.basicPassword() == null ? "" : auth.basicPassword()))
                        .getBytes(StandardCharsets.UTF_8)
                : null;
        if (auth.tokenEnabled()) {
            byte[] secret = tokenSecret == null ? new byte[0] : tokenSecret.getBytes(StandardCharsets.UTF_8);
            if (secret.length < AuthTokens.MIN_SECRET_BYTES) {
                throw new IllegalStateException("parley.media.auth.token-enabled is true but parley.auth-token.secret is shorter than "
                        + AuthTokens.MIN_SECRET_BYTES + " bytes");
            }
            this.tokenSecret = secret;
        } else {
            this.tokenSecret = null;
        }
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if ((basicExpected == null && tokenSecret == null) || exchange.getRequest().getPath().value().startsWith("/actuator")) {
            return chain.filter(exchange);
        }
        if (accepts(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        if (basicExpected != null) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"parley-media\"");
        }
        return response.setComplete();
    }

    private boolean accepts(String header) {
        if (header == null || header.length() > MAX_AUTHORIZATION_CHARS) {
            return false;
        }
        if (tokenSecret != null && AuthTokens.isTokenAuthorization(header)) {
            return AuthTokens.verifyAuthorization(tokenSecret, header, clock.instant()).isPresent();
        }
        if (tokenSecret != null && AuthTokens.isBlobTokenAuthorization(header)) {
            return AuthTokens.verifyBlobAuthorization(tokenSecret, header, clock.instant()).isPresent();
        }
        return basicExpected != null && basicMatches(header);
    }

    private boolean basicMatches(String header) {
        if (!header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(header.substring(BASIC.length()).trim());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return presented.length == basicExpected.length && ConstantTime.equals(presented, basicExpected);
    }
}
