package dev.parley.media;

import dev.parley.client.media.BlobClient;
import dev.parley.client.media.BlobEndpoints;
import dev.parley.testsupport.spring.ParleyInfraProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The media service on the filesystem backend, started once for every test class that extends
 * this (one Spring context), against real PostgreSQL and Redis. Limits are small so that tests
 * can cross them: 4 MiB per blob, a one-hour lifetime, 40 uploads per IP in a burst.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.media.internal.api-secret=test-secret-test-secret-test-secret-0",
        "parley.media.blobs.max-size=4MB",
        "parley.media.blobs.lifetime=1h",
        // Tests run the expiry job themselves.
        "parley.media.expiry.interval=1h",
        "parley.media.expiry.batch-size=5",
        "parley.media.rate-limit.burst=40",
        "parley.media.rate-limit.per-minute=60",
        // Tests pose as different clients through X-Forwarded-For, as an ingress would set it.
        "server.forward-headers-strategy=native"})
@Import(TestClockConfiguration.class)
public abstract class MediaServiceTest {

    protected static final long MAX_SIZE = 4L * 1024 * 1024;
    protected static final Path STORAGE;

    static {
        try {
            STORAGE = Files.createTempDirectory("media-test-blobs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ParleyInfraProperties.postgres(registry, MediaServiceTest.class);
        ParleyInfraProperties.redis(registry, MediaServiceTest.class, "parley.media.redis.key-prefix");
        registry.add("parley.media.storage.filesystem.directory", STORAGE::toString);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcClient jdbc;

    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    protected URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    protected BlobClient client() {
        return new BlobClient(HTTP, BlobEndpoints.under(base()));
    }

    protected long rows() {
        return jdbc.sql("SELECT count(*) FROM blob").query(Long.class).single();
    }

    /** Regular files in the blob directory, including hidden temporary ones. */
    protected static long storedFiles() {
        try (Stream<Path> walk = Files.walk(STORAGE)) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static boolean storedFile(String blobId) {
        return Files.isRegularFile(STORAGE.resolve(blobId.substring(0, 2)).resolve(blobId));
    }
}
