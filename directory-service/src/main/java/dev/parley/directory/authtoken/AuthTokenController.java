package dev.parley.directory.authtoken;

import dev.parley.directory.DirectoryProperties;
import dev.parley.directory.web.NotFoundException;
import dev.parley.directory.web.UnauthorizedException;
import dev.parley.directory.work.WorkService;
import dev.parley.common.authtoken.AuthTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET auth_token} (PROTOCOLS.md §1.8): Basic auth with Work credentials gives a
 * short-lived token for blob upload and Safe on OnPrem deployments.
 */
@RestController
public class AuthTokenController {

    private static final int MAX_HEADER = 1024;

    private final WorkService work;
    private final byte[] secret;
    private final Duration ttl;

    public AuthTokenController(WorkService work, DirectoryProperties properties) {
        this.work = work;
        String configured = properties.work().authTokenSecret();
        this.secret = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
        this.ttl = properties.work().authTokenTtl();
    }

    @GetMapping("auth_token")
    public Mono<Map<String, Object>> authToken(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String header) {
        if (secret == null) {
            return Mono.error(new NotFoundException());
        }
        String[] credentials = basic(header);
        if (credentials == null) {
            return Mono.error(new UnauthorizedException("invalid-credentials"));
        }
        return work.require(credentials[0], credentials[1])
                .map(user -> Map.of("authToken", AuthTokens.issue(secret, user.username(), Instant.now().plus(ttl))));
    }

    private static String[] basic(String header) {
        if (header == null || header.length() > MAX_HEADER || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
