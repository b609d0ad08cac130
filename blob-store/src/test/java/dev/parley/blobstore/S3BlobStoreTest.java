package dev.parley.blobstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The contract against a real S3 server (s3proxy). */
class S3BlobStoreTest extends BlobStoreContract {

    private static final String BUCKET = "store-contract";
    private static S3AsyncClient s3;
    private static S3Objects objects;
    private static Scheduler blocking;

    @TempDir
    static Path spool;

    private S3BlobStore store;

    @BeforeAll
    static void bucket() {
        s3 = S3ProxyServer.shared().client();
        s3.createBucket(b -> b.bucket(BUCKET)).join();
        objects = S3Objects.create(s3, BUCKET, 8);
        blocking = Schedulers.newBoundedElastic(4, 1000, "s3-store-test");
    }

    @AfterAll
    static void close() {
        objects.close();
        s3.close();
        blocking.dispose();
    }

    @Override
    BlobStore store() {
        if (store == null) {
            store = new S3BlobStore(s3, objects, spool, blocking);
        }
        return store;
    }

    @Override
    void assertNoLeftovers() {
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).join().contents())
                .allSatisfy(object -> assertThat(store().open(object.key()).block(WAIT)).isNotNull());
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).as("spool files").isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
