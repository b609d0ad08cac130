package dev.parley.media.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.MediaProperties;
import java.nio.charset.StandardCharsets;
import dev.parley.common.authtoken.AuthTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class MediaAuthFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "media-and-directory-share-this-secret";


    private static MediaProperties withAuth(String user, String password) {
        return new MediaProperties(null, null, null, null, null, null, null, new MediaProperties.Auth(user, password, false));
    }

    private static boolean passes(MediaAuthFilter filter, MockServerWebExchange exchange) {
        AtomicBoolean reached = new AtomicBoolean();
        filter.filter(exchange, ex -> {
            reached.set(true);
            return Mono.empty();
        }).block();
        return reached.get();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void offByDefault() {
        MediaAuthFilter filter = new MediaAuthFilter(withAuth("", ""), "", CLOCK);

        assertThat(passes(filter, MockServerWebExchange.from(MockServerHttpRequest.post("/upload")))).isTrue();
    }

    @Test
    void requiresTheConfiguredCredentialsWhenEnabled() {
        MediaAuthFilter filter = new MediaAuthFilter(withAuth("parley", "s3cret"), "", CLOCK);
        MockServerWebExchange missing = MockServerWebExchange.from(MockServerHttpRequest.post("/upload"));
        MockServerWebExchange wrong = MockServerWebExchange.from(MockServerHttpRequest.get("/00112233445566778899aabbccddeeff")
                .header(HttpHeaders.AUTHORIZATION, basic("parley:guess")));
        MockServerWebExchange garbage = MockServerWebExchange.from(MockServerHttpRequest.get("/x")
                .header(HttpHeaders.AUTHORIZATION, "Basic !!!"));
        MockServerWebExchange right = MockServerWebExchange.from(MockServerHttpRequest.post("/upload")
                .header(HttpHeaders.AUTHORIZATION, basic("parley:s3cret")));

        assertThat(passes(filter, missing)).isFalse();
        assertThat(missing.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(missing.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(passes(filter, wrong)).isFalse();
        assertThat(passes(filter, garbage)).isFalse();
        assertThat(passes(filter, right)).isTrue();
    }

    @Test
    void acceptsOnlyValidUnexpiredTokensWhenTokenAuthIsOn() {
        MediaProperties properties = new MediaProperties(null, null, null, null, null, null, null,
                new MediaProperties.Auth("", "", true));
        MediaAuthFilter filter = new MediaAuthFilter(properties, SECRET, CLOCK);
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        String valid = AuthTokens.issue(secret, "WORKUSER", NOW.plus(Duration.ofMinutes(10)));
        String expired = AuthTokens.issue(secret, "WORKUSER", NOW.minusSeconds(1));
        String forged = AuthTokens.issue("another-secret-another-secret-0123".getBytes(StandardCharsets.UTF_8), "WORKUSER",
                NOW.plus(Duration.ofMinutes(10)));

        assertThat(passes(filter, upload("Token " + valid))).isTrue();
        assertThat(passes(filter, upload("Token " + expired))).isFalse();
        assertThat(passes(filter, upload("Token " + forged))).isFalse();
        // identity/blob_cred tokens arrive under their own scheme.
        String blob = AuthTokens.issue(secret, "ECHOECHO", NOW.plus(Duration.ofMinutes(10)));
        assertThat(passes(filter, upload("ThreemaBlobToken " + blob))).isTrue();
        assertThat(passes(filter, upload("ThreemaBlobToken " + expired))).isFalse();
        assertThat(passes(filter, upload("ThreemaBlobToken " + forged))).isFalse();
        assertThat(passes(filter, upload(basic("parley:s3cret")))).isFalse();
        MockServerWebExchange missing = upload(null);
        assertThat(passes(filter, missing)).isFalse();
        assertThat(missing.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(passes(filter, MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/health")))).isTrue();
    }

    @Test
    void refusesToStartWithTokenAuthButNoSecret() {
        MediaProperties properties = new MediaProperties(null, null, null, null, null, null, null,
                new MediaProperties.Auth("", "", true));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MediaAuthFilter(properties, "short", CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parley.auth-token.secret");
    }

    private static MockServerWebExchange upload(String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/upload");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return MockServerWebExchange.from(request);
    }
}
