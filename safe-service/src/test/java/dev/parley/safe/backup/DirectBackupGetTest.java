package dev.parley.safe.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.safe.OpenSafeServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GETs taken below WebFlux ({@link DirectBackupGet}) answer as the routes do, and are still
 * counted in {@code http.server.requests}. The API tests cover the rest of a GET on every backend.
 */
class DirectBackupGetTest extends OpenSafeServiceTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    MeterRegistry meters;

    private HttpResponse<byte[]> get(String id, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "backups/" + id)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private double count(String status) {
        Timer timer = meters.find("http.server.requests")
                .tags("method", "GET", "uri", "/backups/{id}", "status", status, "outcome", status.startsWith("2") ? "SUCCESS" : "CLIENT_ERROR")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void anUnknownBackupIsTheRoutes404() throws Exception {
        HttpResponse<byte[]> response = get(Hex.encode(CryptoRandom.bytes(32)), "application/octet-stream");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(15);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("no such backup\n");
    }

    @Test
    void aStoredBackupComesBackWithTheRoutesHeaders() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        byte[] body = CryptoRandom.bytes(5000);
        HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "backups/" + id))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).isEqualTo(201);

        HttpResponse<byte[]> response = get(id, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(5000);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void directGetsAreTimedUnderTheRoutesTemplate() throws Exception {
        double found = count("200");
        double missing = count("404");
        String id = Hex.encode(CryptoRandom.bytes(32));

        for (int i = 0; i < 3; i++) {
            assertThat(get(id, "*/*").statusCode()).isEqualTo(404);
        }

        // A request is timed once its response is out, which the client may see first.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (count("404") < missing + 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(count("404")).isEqualTo(missing + 3);
        assertThat(count("200")).isEqualTo(found);
    }

    /** What the direct path leaves to the routes still gets their answers. */
    @Test
    void malformedIdsAndRefusedAcceptsGetTheRoutesAnswers() throws Exception {
        assertThat(get("A".repeat(64), "application/octet-stream").statusCode()).isEqualTo(400);
        assertThat(get("a".repeat(63), "application/octet-stream").statusCode()).isEqualTo(400);
        assertThat(get(Hex.encode(CryptoRandom.bytes(32)), "application/json").statusCode()).isEqualTo(400);
    }
}
