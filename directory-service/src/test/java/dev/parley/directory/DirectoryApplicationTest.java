package dev.parley.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Starts the service the way {@code main} does, on random ports, against real PostgreSQL and Redis. */
class DirectoryApplicationTest extends DirectoryTestBase {

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
                .expectBody().jsonPath("$.oppf.signingPublicKey").isEqualTo(publicLine.substring("public:".length()));
    }

    @Test
    void flywayCreatedTheServiceSchema(@Autowired JdbcClient jdbc) {
        String service = jdbc.sql("SELECT value FROM directory.schema_info WHERE key = 'service'")
                .query(String.class)
                .single();

        assertThat(service).isEqualTo("directory");
    }
}
