package dev.parley.safe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.spring.ActuatorContract;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts the service the way {@code main} does, on random ports, against real PostgreSQL and
 * Redis (the context shared by every {@link OpenSafeServiceTest}).
 */
class SafeApplicationTest extends OpenSafeServiceTest implements ActuatorContract {

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

    @Test
    void flywayCreatedTheServiceSchema(@Autowired JdbcClient jdbc) {
        String service = jdbc.sql("SELECT value FROM safe.schema_info WHERE key = 'service'")
                .query(String.class)
                .single();

        assertThat(service).isEqualTo("safe");
    }
}
