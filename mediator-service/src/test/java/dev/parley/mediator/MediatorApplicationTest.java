package dev.parley.mediator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.spring.ActuatorContract;
import dev.parley.testsupport.spring.ParleyInfraProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Starts the service the way {@code main} does, on random ports, against real PostgreSQL and Redis. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.mediator.internal.api-secret=test-secret-test-secret-test-secret-0"})
class MediatorApplicationTest implements ActuatorContract {

    @LocalServerPort
    int serverPort;

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

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ParleyInfraProperties.postgres(registry, MediatorApplicationTest.class);
        ParleyInfraProperties.redis(registry, MediatorApplicationTest.class, "parley.mediator.redis.key-prefix");
    }

    @Test
    void flywayCreatedTheServiceSchema(@Autowired JdbcClient jdbc) {
        String service = jdbc.sql("SELECT value FROM mediator.schema_info WHERE key = 'service'")
                .query(String.class)
                .single();

        assertThat(service).isEqualTo("mediator");
    }
}
