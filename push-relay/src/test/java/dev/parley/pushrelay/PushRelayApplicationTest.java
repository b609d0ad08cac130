package dev.parley.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Starts the service the way {@code main} does, on random ports, and checks its actuator endpoints. */
class PushRelayApplicationTest extends RelayIntegrationTest {

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
    void readinessIsUp() {
        management().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsOnTheManagementPortOnly() {
        management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("jvm_memory_used_bytes")
                        .contains("parley_pushrelay_internal_queue_depth"));
        WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort).build()
                .get().uri("/actuator/health").exchange()
                .expectStatus().isNotFound();
    }
}
