package dev.parley.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.directory.identity.IdentityRepository;
import dev.parley.testsupport.spring.ActuatorContract;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Starts the service the way {@code main} does, on random ports, against real PostgreSQL and Redis. */
class DirectoryApplicationTest extends DirectoryTestBase implements ActuatorContract {

    @LocalManagementPort
    int managementPort;

    @Override
    public int publicPort() {
        return serverPort;
    }

    @Override
    public int internalPort() {
        return managementPort;
    }

    @Override
    public List<String> readinessDependencies() {
        return List.of("db", "redis");
    }

    @Autowired
    IdentityRepository identityRepository;

    /** Lookups call the repository per batch; an exception-translation proxy would add reflection to each. */
    @Test
    void repositoriesAreNotProxied() {
        assertThat(AopUtils.isAopProxy(identityRepository)).isFalse();
    }

    @Autowired
    ApplicationContext context;

    /** Redis commands are not observed one by one (directory.yml excludes the auto-configuration). */
    @Test
    void redisCommandsAreNotObserved() {
        assertThat(context.getBeanNamesForType(ClientResourcesBuilderCustomizer.class)).doesNotContain("lettuceObservation");
    }

    /** Request timings stay; the per-request long-task timer is switched off (directory.yml). */
    @Test
    void timesRequestsWithoutALongTaskTimer() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort).build().get().uri("/identity/ZZZZZZZZ")
                .exchange().expectStatus().isNotFound();
        String metrics = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("http_server_requests_seconds_count").doesNotContain("http_server_requests_active");
    }

    @Test
    void showsThePublicKeyOnTheInfoEndpoint() throws Exception {
        String publicLine = Files.readAllLines(KEY_FILE).get(2);

        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build().get().uri("/actuator/info").exchange()
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

    @Test
    void connectionsReuseGenericPlans(@Autowired JdbcClient jdbc) {
        // Custom plans made PostgreSQL plan every batched lookup anew (bench/directory).
        String mode = jdbc.sql("SHOW plan_cache_mode").query(String.class).single();

        assertThat(mode).isEqualTo("force_generic_plan");
    }
}
