package dev.parley.directory;

import dev.parley.directory.oppf.TestKeyFiles;
import dev.parley.testsupport.spring.ParleyInfraProperties;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One service context for every test class of the module: the service as {@code main} starts
 * it, on random ports, against real PostgreSQL and Redis. Subclasses share the context (and its
 * database), so each test creates its own identities.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.directory.internal.port=0",
        "parley.directory.internal.api-secret=" + DirectoryTestBase.INTERNAL_SECRET,
        "parley.directory.challenge.ttl=5s"})
public abstract class DirectoryTestBase {

    public static final String INTERNAL_SECRET = "test-secret-test-secret-test-secret-0";

    protected static final Path KEY_FILE = TestKeyFiles.write();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("parley.directory.oppf.signing-key-file", KEY_FILE::toString);
        ParleyInfraProperties.postgres(registry, DirectoryTestBase.class);
        ParleyInfraProperties.redis(registry, DirectoryTestBase.class, "parley.directory.redis.key-prefix");
    }

    @LocalServerPort
    protected int serverPort;

    protected WebTestClient api() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort + "/").build();
    }
}
