package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.spring.ActuatorContract;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The service started the way {@code main} does, on random ports, against real PostgreSQL and Redis. */
class MediaApplicationTest extends MediaServiceTest implements ActuatorContract {

    @LocalManagementPort
    int managementPort;

    @Override
    public int publicPort() {
        return port;
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
        String service = jdbc.sql("SELECT value FROM media.schema_info WHERE key = 'service'")
                .query(String.class)
                .single();

        assertThat(service).isEqualTo("media");
    }

    @Test
    void connectionsReuseGenericPlans(@Autowired JdbcClient jdbc) {
        // Custom plans made PostgreSQL plan every download's lookup anew (bench/media).
        String mode = jdbc.sql("SHOW plan_cache_mode").query(String.class).single();

        assertThat(mode).isEqualTo("force_generic_plan");
    }
}
