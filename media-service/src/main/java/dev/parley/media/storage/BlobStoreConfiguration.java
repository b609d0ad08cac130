package dev.parley.media.storage;

import dev.parley.media.MediaProperties;
import dev.parley.media.store.BlobStore;
import dev.parley.media.store.FileSystemBlobStore;
import dev.parley.media.store.S3BlobStore;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Builds the configured {@link BlobStore}. */
@Configuration(proxyBeanMethods = false)
public class BlobStoreConfiguration {

    /** File-system calls that block (rename, fsync, delete) run here, never on an event loop. */
    @Bean(destroyMethod = "dispose")
    Scheduler mediaStoreScheduler() {
        return Schedulers.newBoundedElastic(32, 10_000, "media-store");
    }

    @Bean(destroyMethod = "")
    BlobStore mediaBlobStore(MediaProperties properties, Scheduler mediaStoreScheduler, S3Holder s3) {
        MediaProperties.Storage storage = properties.storage();
        return switch (storage.backend()) {
            case FILESYSTEM -> new FileSystemBlobStore(storage.filesystem().directory(), mediaStoreScheduler);
            case S3 -> new S3BlobStore(s3.client(), storage.s3().bucket(), storage.s3().spoolDirectory(), mediaStoreScheduler);
        };
    }

    @Bean(destroyMethod = "close")
    S3Holder mediaS3(MediaProperties properties) {
        if (properties.storage().backend() != MediaProperties.Storage.Backend.S3) {
            return new S3Holder(null);
        }
        MediaProperties.Storage.S3 config = properties.storage().s3();
        if (config.bucket() == null || config.bucket().isBlank()) {
            throw new IllegalStateException("parley.media.storage.s3.bucket is required for the s3 backend");
        }
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                // Checksums only where S3 requires them: S3-compatible stores differ in which
                // newer checksum algorithms they accept.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(config.maxConcurrency())
                        .connectionAcquisitionTimeout(Duration.ofSeconds(30)));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        builder.credentialsProvider(config.accessKey() == null || config.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey())));
        S3AsyncClient client = builder.build();
        if (config.createBucket()) {
            createBucketIfMissing(client, config.bucket());
        }
        return new S3Holder(client);
    }

    private static void createBucketIfMissing(S3AsyncClient client, String bucket) {
        try {
            client.headBucket(b -> b.bucket(bucket)).join();
        } catch (RuntimeException missing) {
            if (missing.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) {
                client.createBucket(b -> b.bucket(bucket)).join();
            } else {
                throw missing;
            }
        }
    }

    /** The S3 client when the s3 backend is configured; keeps the client's lifecycle in one bean. */
    public record S3Holder(S3AsyncClient client) implements AutoCloseable {

        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
        }
    }
}
