package dev.parley.safe.backup;

import dev.parley.blobstore.BlobStore;
import dev.parley.blobstore.FileSystemBlobStore;
import dev.parley.blobstore.S3BlobStore;
import dev.parley.blobstore.S3Holder;
import dev.parley.safe.SafeProperties;
import dev.parley.service.jdbc.BlockingJdbc;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Builds the {@link BackupStorage} that {@code parley.safe.storage.backend} names. */
@Configuration(proxyBeanMethods = false)
public class BackupStorageConfiguration {

    /** File-system calls that block (link, rename, fsync, unlink) run here, never on an event loop. */
    @Bean(destroyMethod = "dispose")
    Scheduler safeStoreScheduler() {
        return Schedulers.newBoundedElastic(16, 10_000, "safe-store");
    }

    @Bean(destroyMethod = "close")
    S3Holder safeS3(SafeProperties properties) {
        if (properties.storage().backend() != SafeProperties.Storage.Backend.S3) {
            return S3Holder.none();
        }
        return properties.storage().s3().connection().connect("parley.safe.storage.s3.bucket");
    }

    @Bean
    BackupStorage backupStorage(SafeProperties properties, BlockingJdbc jdbc, DataSource dataSource,
            Scheduler safeStoreScheduler, S3Holder safeS3) {
        SafeProperties.Storage storage = properties.storage();
        return switch (storage.backend()) {
            case POSTGRES -> new DatabaseBackupStorage(new BackupRepository(jdbc));
            case FILESYSTEM -> stored(new FileSystemBlobStore(storage.filesystem().directory(), safeStoreScheduler), jdbc, dataSource);
            case S3 -> stored(new S3BlobStore(safeS3.client(), safeS3.objects(), storage.s3().spoolDirectory(), safeStoreScheduler),
                    jdbc, dataSource);
        };
    }

    private static BackupStorage stored(BlobStore store, BlockingJdbc jdbc, DataSource dataSource) {
        // Retention's only transaction; the JdbcClient joins it through the same DataSource.
        TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        return new StoredBackupStorage(store, new BackupObjectRepository(jdbc), transactions);
    }
}
