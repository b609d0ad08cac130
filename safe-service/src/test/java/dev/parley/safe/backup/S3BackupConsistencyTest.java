package dev.parley.safe.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.blobstore.S3ProxyServer;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import dev.parley.safe.S3Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The consistency tests on the s3 backend, plus what the bucket must show. */
@S3Storage
class S3BackupConsistencyTest extends BackupConsistencyTest {

    private static final S3AsyncClient S3 = S3ProxyServer.shared().client();

    @AfterAll
    static void close() {
        S3.close();
    }

    private static boolean inBucket(String id) {
        return S3.listObjectsV2(b -> b.bucket(S3Storage.BUCKET).prefix(id)).join().contents().stream()
                .anyMatch(object -> object.key().equals(id));
    }

    @Test
    void retentionRemovesTheRowAndTheObject() throws Exception {
        String stale = Hex.encode(CryptoRandom.bytes(32));
        String fresh = Hex.encode(CryptoRandom.bytes(32));
        assertThat(put(stale, new byte[] {1})).isEqualTo(201);
        assertThat(put(fresh, new byte[] {2})).isEqualTo(201);
        assertThat(inBucket(stale)).isTrue();
        age(stale, "200 days");

        assertThat(retention.purgeExpired()).isEqualTo(1);

        assertThat(inBucket(stale)).isFalse();
        assertThat(inBucket(fresh)).isTrue();
    }

    @Test
    void deleteRemovesTheObject() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        assertThat(put(id, new byte[] {1})).isEqualTo(201);

        assertThat(delete(id)).isEqualTo(204);

        assertThat(inBucket(id)).isFalse();
    }
}
