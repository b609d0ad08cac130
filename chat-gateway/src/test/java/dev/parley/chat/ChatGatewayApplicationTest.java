package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.X25519;
import dev.parley.common.keys.KeyFile;
import dev.parley.testsupport.spring.ParleyInfraProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Starts the service the way {@code main} does, on random ports, against real PostgreSQL and Redis. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.chat.internal.api-secret=test-secret-test-secret-test-secret-0"})
class ChatGatewayApplicationTest {

    private static final Path KEY_FILE = newKeyFile();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("parley.chat.keys.server-key-file", KEY_FILE::toString);
        ParleyInfraProperties.postgres(registry, ChatGatewayApplicationTest.class);
        ParleyInfraProperties.redis(registry, ChatGatewayApplicationTest.class, "parley.chat.redis.key-prefix");
    }

    @LocalServerPort
    int serverPort;

    @LocalManagementPort
    int managementPort;

    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }

    @Test
    void livenessIsUp() {
        management().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void readinessIsUpWithItsDependencies() {
        management().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.redis.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsOnTheManagementPortOnly() {
        management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort).build()
                .get().uri("/actuator/health").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void showsThePublicKeyOnTheInfoEndpoint() throws Exception {
        String publicLine = Files.readAllLines(KEY_FILE).get(2);

        management().get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.chatServer.publicKey").isEqualTo(publicLine.substring("public:".length()));
    }

    @Test
    void flywayCreatedTheServiceSchema(@Autowired JdbcClient jdbc) {
        String service = jdbc.sql("SELECT value FROM chat.schema_info WHERE key = 'service'")
                .query(String.class)
                .single();

        assertThat(service).isEqualTo("chat");
    }

    private static Path newKeyFile() {
        try {
            X25519.KeyPair pair = X25519.generateKeyPair();
            Path file = java.nio.file.Files.createTempDirectory("parley-keys").resolve("test.key");
            KeyFile.write(file, "test chat server key", pair.secretKey(), pair.publicKey());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
