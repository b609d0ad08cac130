package dev.parley.client.safe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How a server entered by a user becomes a base URL and credentials, against a real local HTTP server. */
class SafeClientUrlTest {

    @Test
    void userInfoBecomesBasicAuthAndThePathIsKept() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        AtomicReference<String> path = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            path.set(exchange.getRequestURI().getPath());
            byte[] body = "{\"maxBackupBytes\":1000,\"retentionDays\":7}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            SafeClient client = SafeClient.forServer(HttpClient.newHttpClient(),
                    "http://alice:p%40ss:word@127.0.0.1:" + server.getAddress().getPort() + "/safe");

            assertThat(client.config()).isEqualTo(new SafeServerConfig(1000, 7));
            assertThat(path.get()).isEqualTo("/safe/config");
            assertThat(new String(Base64.getDecoder().decode(authorization.get().substring(6)), StandardCharsets.UTF_8))
                    .isEqualTo("alice:p@ss:word");
            assertThat(client.baseUrl().toString()).doesNotContain("word");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerWithoutSchemeIsHttps() {
        SafeClient client = SafeClient.forServer(HttpClient.newHttpClient(), "safe.example.org/backup");

        assertThat(client.baseUrl().toString()).isEqualTo("https://safe.example.org/backup/");
    }
}
