package dev.parley.media.storage;

import dev.parley.blobstore.BlobStore;
import dev.parley.blobstore.FileSystemBlobStore;
import dev.parley.blobstore.S3BlobStore;
import dev.parley.blobstore.S3Holder;
import dev.parley.media.MediaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

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
            case S3 -> new S3BlobStore(s3.client(), s3.objects(), storage.s3().spoolDirectory(), mediaStoreScheduler);
        };
    }

    @Bean(destroyMethod = "close")
    S3Holder mediaS3(MediaProperties properties) {
        if (properties.storage().backend() != MediaProperties.Storage.Backend.S3) {
            return S3Holder.none();
        }
        return properties.storage().s3().connection().connect("parley.media.storage.s3.bucket");
    }
}
