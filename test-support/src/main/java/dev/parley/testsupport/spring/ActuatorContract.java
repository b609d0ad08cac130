package dev.parley.testsupport.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every Parley service promises an operator's probes and Prometheus, as tests a service's
 * {@code @SpringBootTest} class inherits by implementing this interface: liveness UP, readiness UP
 * together with the dependencies the service names, metrics on the internal port, and no actuator
 * on the public port.
 */
public interface ActuatorContract {

    /** The running service's public port. */
    int publicPort();

    /** The running service's internal (management) port. */
    int internalPort();

    /** Health components readiness must report UP besides {@code readinessState}, e.g. {@code db}, {@code redis}. */
    List<String> readinessDependencies();

    /** Metric names the service must export besides the JVM's. */
    default List<String> expectedMetrics() {
        return List.of();
    }

    private WebTestClient internal() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + internalPort()).build();
    }

    @Test
    default void livenessIsUp() {
        internal().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    default void readinessIsUpWithItsDependencies() {
        WebTestClient.BodyContentSpec body = internal().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP");
        for (String dependency : readinessDependencies()) {
            body.jsonPath("$.components." + dependency + ".status").isEqualTo("UP");
        }
    }

    @Test
    default void exposesPrometheusMetricsOnTheInternalPortOnly() {
        String metrics = internal().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("jvm_memory_used_bytes");
        for (String metric : expectedMetrics()) {
            assertThat(metrics).contains(metric);
        }
        WebTestClient.bindToServer().baseUrl("http://localhost:" + publicPort()).build()
                .get().uri("/actuator/health").exchange()
                .expectStatus().isNotFound();
    }
}
