package dev.parley.media.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.blobstore.S3ProxyServer;
import dev.parley.client.media.BlobClient;
import dev.parley.client.media.BlobEndpoints;
import dev.parley.client.media.BlobHttpException;
import dev.parley.media.MutableClock;
import dev.parley.media.RawHttp;
import dev.parley.media.TestClockConfiguration;
import dev.parley.media.expiry.ExpiryJob;
import dev.parley.testsupport.spring.ParleyInfraProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The service end to end on the S3 backend, against a real S3 server (s3proxy). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS, properties = {
        "management.server.port=0",
        "parley.media.internal.api-secret=test-secret-test-secret-test-secret-0",
        "parley.media.blobs.max-size=2MB",
        "parley.media.blobs.lifetime=1h",
        "parley.media.expiry.interval=1h",
        "parley.media.storage.backend=s3",
        "parley.media.storage.s3.bucket=media-e2e",
        "parley.media.storage.s3.create-bucket=true",
        "parley.media.storage.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
        "parley.media.storage.s3.secret-key=" + S3ProxyServer.SECRET_KEY})
@Import(TestClockConfiguration.class)
class S3MediaServiceTest {

    private static final Path SPOOL;
    private static final S3AsyncClient S3 = S3ProxyServer.shared().client();

    static {
        try {
            SPOOL = Files.createTempDirectory("media-s3-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ParleyInfraProperties.postgres(registry, S3MediaServiceTest.class);
        ParleyInfraProperties.redis(registry, S3MediaServiceTest.class, "parley.media.redis.key-prefix");
        registry.add("parley.media.storage.s3.endpoint", () -> S3ProxyServer.shared().endpoint().toString());
        registry.add("parley.media.storage.s3.spool-directory", SPOOL::toString);
    }

    @AfterAll
    static void close() {
        S3.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    ExpiryJob expiry;

    private BlobClient client() {
        return new BlobClient(HttpClient.newHttpClient(), BlobEndpoints.under(URI.create("http://127.0.0.1:" + port + "/")));
    }

    private static byte[] blob(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static boolean inBucket(String id) {
        return S3.listObjectsV2(b -> b.bucket("media-e2e")).join().contents().stream().anyMatch(o -> o.key().equals(id));
    }

    private static int objects() {
        return S3.listObjectsV2(b -> b.bucket("media-e2e")).join().contents().size();
    }

    private static long spoolFiles() {
        try (Stream<Path> files = Files.list(SPOOL)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int status(Call call) throws Exception {
        try {
            call.run();
            return 200;
        } catch (BlobHttpException e) {
            return e.status();
        }
    }

    interface Call {
        void run() throws Exception;
    }

    @Test
    void uploadDownloadRangeAndDoneOnS3() throws Exception {
        BlobClient client = client();
        byte[] data = blob(1_500_000);

        String id = client.upload(data, false);

        assertThat(inBucket(id)).isTrue();
        assertThat(client.download(id)).isEqualTo(data);
        assertThat(client.download(id, 1_000_000, 1_000_099)).isEqualTo(Arrays.copyOfRange(data, 1_000_000, 1_000_100));
        assertThat(client.size(id)).hasValue(1_500_000);
        client.done(id);
        assertThat(status(() -> client.download(id))).isEqualTo(404);
        assertThat(inBucket(id)).isFalse();
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void groupBlobOnS3SurvivesDoneAndIsDeletedByTheExpiryJob() throws Exception {
        BlobClient client = client();
        String id = client.upload(blob(1000), true);
        client.done(id);
        assertThat(client.download(id)).isEqualTo(blob(1000));

        clock.advance(Duration.ofHours(2));
        expiry.runOnce().block(Duration.ofSeconds(30));

        assertThat(status(() -> client.download(id))).isEqualTo(404);
        assertThat(inBucket(id)).isFalse();
    }

    @Test
    void tooLargeAndBrokenUploadsLeaveNoObject() throws Exception {
        int before = objects();
        byte[] tooLarge = RawHttp.concat(RawHttp.partHead(), blob(2 * 1024 * 1024 + 1), RawHttp.partTail());

        int status = RawHttp.exchangeStatus(port, RawHttp.uploadHead("/upload?persist=0", -1, ""), RawHttp.chunked(tooLarge, 65536));
        RawHttp.sendAndAbort(port, RawHttp.uploadHead("/upload?persist=0", 500_000, ""),
                RawHttp.concat(RawHttp.partHead(), blob(200_000)));

        assertThat(status).isEqualTo(413);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (spoolFiles() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(spoolFiles()).isZero();
        assertThat(objects()).isEqualTo(before);
    }
}
