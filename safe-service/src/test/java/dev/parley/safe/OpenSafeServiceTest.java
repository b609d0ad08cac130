package dev.parley.safe;

import dev.parley.blobstore.S3ProxyServer;
import dev.parley.testsupport.spring.ParleyInfraProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as it ships (no authentication, base path {@code /}, default limits), on random
 * ports against real PostgreSQL and Redis. Every subclass with the same storage annotation
 * (none: postgres, {@link FileSystemStorage}, {@link S3Storage}) shares one Spring context. The
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

    /** Blob-store directories of the {@link FileSystemStorage} and {@link S3Storage} contexts. */
    public static final Path STORE_DIRECTORY = temporaryDirectory("safe-store");
    public static final Path SPOOL_DIRECTORY = temporaryDirectory("safe-spool");

    /**
     * Only placeholders for the storage annotations: the S3 server starts when a context that
     * names it resolves its endpoint, not for every context.
     */
    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ParleyInfraProperties.postgres(registry, OpenSafeServiceTest.class);
        ParleyInfraProperties.redis(registry, OpenSafeServiceTest.class, "parley.safe.redis.key-prefix");
        registry.add("parley.test.store-directory", STORE_DIRECTORY::toString);
        registry.add("parley.test.spool-directory", SPOOL_DIRECTORY::toString);
        registry.add("parley.test.s3-endpoint", () -> S3ProxyServer.shared().endpoint().toString());
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int serverPort;

    protected String baseUrl() {
        return "http://127.0.0.1:" + serverPort + "/";
    }
}
