package dev.parley.safe;

import dev.parley.safe.auth.PasswordHashes;
import dev.parley.testsupport.spring.ParleyInfraProperties;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service behind an ingress: base path {@code /safe/}, Basic and Token authentication on,
 * 127.0.0.1 a trusted proxy (so each test picks its own client address with
 * {@code X-Forwarded-For} and gets its own bucket), small buckets, and a retention job that runs
 * every 200 ms with a one-day retention. Every subclass shares this one Spring context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.safe.internal.api-secret=test-secret-test-secret-test-secret-0",
        "parley.safe.base-path=/safe/",
        "parley.safe.auth.basic.enabled=true",
        "parley.safe.auth.token.enabled=true",
        "parley.auth-token.secret=" + SecuredSafeServiceTest.TOKEN_SECRET,
        "parley.safe.client-ip.trusted-proxies=127.0.0.1,::1",
        "parley.safe.throttle.ip.capacity=8",
        "parley.safe.throttle.ip.refill-interval=1h",
        "parley.safe.throttle.backup.capacity=5",
        "parley.safe.throttle.backup.refill-interval=10m",
        "parley.safe.retention-days=1",
        "parley.safe.retention.interval=200ms"})
public abstract class SecuredSafeServiceTest {

    protected static final String TOKEN_SECRET = "token-secret-token-secret-token-secret-42";
    protected static final String USER = "alice";
    protected static final String PASSWORD = "p@ss:word with spaces";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ParleyInfraProperties.postgres(registry, SecuredSafeServiceTest.class);
        ParleyInfraProperties.redis(registry, SecuredSafeServiceTest.class, "parley.safe.redis.key-prefix");
        // The real hash format, with the lowest accepted iteration count to keep start-up quick.
        String hash = PasswordHashes.hash(PASSWORD, 10_000);
        registry.add("parley.safe.auth.basic.users." + USER, () -> hash);
    }

    @LocalServerPort
    protected int serverPort;

    protected String baseUrl() {
        return "http://127.0.0.1:" + serverPort + "/safe/";
    }

    protected static byte[] secret() {
        return TOKEN_SECRET.getBytes(StandardCharsets.UTF_8);
    }
}
