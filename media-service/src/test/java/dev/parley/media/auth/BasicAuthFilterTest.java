package dev.parley.media.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.MediaProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class BasicAuthFilterTest {

    private static MediaProperties withAuth(String user, String password) {
        return new MediaProperties(null, null, null, null, null, null, null, new MediaProperties.Auth(user, password));
    }

    private static boolean passes(BasicAuthFilter filter, MockServerWebExchange exchange) {
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
        BasicAuthFilter filter = new BasicAuthFilter(withAuth("", ""));

        assertThat(passes(filter, MockServerWebExchange.from(MockServerHttpRequest.post("/upload")))).isTrue();
    }

    @Test
    void requiresTheConfiguredCredentialsWhenEnabled() {
        BasicAuthFilter filter = new BasicAuthFilter(withAuth("parley", "s3cret"));
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
}
