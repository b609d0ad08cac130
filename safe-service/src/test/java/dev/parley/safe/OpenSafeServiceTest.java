package dev.parley.safe;

import dev.parley.testsupport.spring.ParleyInfraProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as it ships (no authentication, base path {@code /}, default limits), on random
 * ports against real PostgreSQL and Redis. Every subclass shares this one Spring context. The
 * buckets are wide so that only the tests of the secured context run into them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.safe.internal.api-secret=test-secret-test-secret-test-secret-0",
        "parley.safe.throttle.ip.capacity=1000000",
        "parley.safe.throttle.ip.refill-interval=1ms",
        "parley.safe.throttle.backup.capacity=1000000",
        "parley.safe.throttle.backup.refill-interval=1ms",
        "parley.safe.retention.batch-size=2"})
public abstract class OpenSafeServiceTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ParleyInfraProperties.postgres(registry, OpenSafeServiceTest.class);
        ParleyInfraProperties.redis(registry, OpenSafeServiceTest.class, "parley.safe.redis.key-prefix");
    }

    @LocalServerPort
    protected int serverPort;

    protected String baseUrl() {
        return "http://127.0.0.1:" + serverPort + "/";
    }
}
