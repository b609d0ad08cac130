package dev.parley.safe.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.safe.OpenSafeServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The direct GET path takes the same tokens as the routes and refuses with the same 429. */
@TestPropertySource(properties = {
        "parley.safe.throttle.backup.capacity=2",
        "parley.safe.throttle.backup.refill-interval=1h"})
class DirectBackupThrottleTest extends OpenSafeServiceTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "backups/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theThirdGetOfOneBackupIsRefusedAndOtherBackupsStillPass() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        assertThat(get(id).statusCode()).isEqualTo(404);
        assertThat(get(id).statusCode()).isEqualTo(404);

        HttpResponse<String> refused = get(id);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(3500L, 3600L);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(refused.body()).isEqualTo("rate limit exceeded\n");
        assertThat(get(Hex.encode(CryptoRandom.bytes(32))).statusCode()).isEqualTo(404);
    }
}
