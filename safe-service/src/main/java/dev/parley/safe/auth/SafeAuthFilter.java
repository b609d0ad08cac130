package dev.parley.safe.auth;

import dev.parley.common.authtoken.AuthTokens;
import dev.parley.safe.SafeProperties;
import dev.parley.safe.backup.SafeResponses;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Optional authentication of every API request: HTTP Basic against the configured users, and/or
 * the OnPrem {@code Authorization: Token <t>} verified offline with {@code parley.auth-token.secret}.
 * With neither enabled every request passes. Failures get 401; credentials are never logged.
 */
@Component
public class SafeAuthFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final int MAX_AUTHORIZATION_CHARS = 1024;

    private final boolean basicEnabled;
    private final boolean tokenEnabled;
    private final String challenge;
    private final BasicUsers users;
    private final byte[] tokenSecret;
    private final Clock clock;

    public SafeAuthFilter(SafeProperties properties, AuthTokenProperties tokens) {
        SafeProperties.Auth auth = properties.auth();
        this.basicEnabled = auth.basic().enabled();
        this.tokenEnabled = auth.token().enabled();
        this.challenge = "Basic realm=\"" + auth.basic().realm().replace("\"", "") + "\", charset=\"UTF-8\"";
        this.users = new BasicUsers(auth.basic().users());
        if (basicEnabled && users.isEmpty()) {
            throw new IllegalStateException("parley.safe.auth.basic.enabled is true but parley.safe.auth.basic.users is empty");
        }
        String secret = tokens.secret() == null ? "" : tokens.secret();
        this.tokenSecret = secret.getBytes(StandardCharsets.UTF_8);
        if (tokenEnabled && tokenSecret.length < AuthTokens.MIN_SECRET_BYTES) {
            throw new IllegalStateException("parley.safe.auth.token.enabled is true but parley.auth-token.secret is shorter than "
                    + AuthTokens.MIN_SECRET_BYTES + " bytes");
        }
        this.clock = Clock.systemUTC();
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        if (!basicEnabled && !tokenEnabled) {
            return next.handle(request);
        }
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() > MAX_AUTHORIZATION_CHARS) {
            return unauthorized();
        }
        if (tokenEnabled && AuthTokens.isTokenAuthorization(authorization)) {
            return AuthTokens.verifyAuthorization(tokenSecret, authorization, clock.instant()).isPresent()
                    ? next.handle(request)
                    : unauthorized();
        }
        if (basicEnabled && hasScheme(authorization, "Basic")) {
            String[] credentials = decodeBasic(authorization.substring(6).trim());
            if (credentials == null) {
                return unauthorized();
            }
            if (users.verifiedBefore(credentials[0], credentials[1])) {
                return next.handle(request);
            }
            // PBKDF2 is CPU-bound and slow: never on the event loop.
            return Mono.fromCallable(() -> users.verify(credentials[0], credentials[1]))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(ok -> ok ? next.handle(request) : unauthorized());
        }
        return unauthorized();
    }

    private static boolean hasScheme(String authorization, String scheme) {
        return authorization.length() > scheme.length() + 1
                && authorization.regionMatches(true, 0, scheme, 0, scheme.length())
                && authorization.charAt(scheme.length()) == ' ';
    }

    /** {@code user:password}, split at the first colon; null when malformed. */
    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Mono<ServerResponse> unauthorized() {
        if (!basicEnabled) {
            return SafeResponses.error(HttpStatus.UNAUTHORIZED, "authentication required");
        }
        return ServerResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("authentication required\n");
    }
}
