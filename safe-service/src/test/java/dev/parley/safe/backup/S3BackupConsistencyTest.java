package dev.parley.safe.backup;

import dev.parley.blobstore.S3ProxyServer;
import dev.parley.safe.S3Storage;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.s3.S3AsyncClient;

@S3Storage
class S3BackupConsistencyTest extends StoredBackupConsistencyTest {

    private static final S3AsyncClient S3 = S3ProxyServer.shared().client();

    @AfterAll
    static void close() {
        S3.close();
    }

    @Override
    boolean stored(String id) {
        return S3.listObjectsV2(b -> b.bucket(S3Storage.BUCKET).prefix(id)).join().contents().stream()
                .anyMatch(object -> object.key().equals(id));
    }
}
