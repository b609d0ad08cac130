package dev.parley.safe.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.encoding.Hex;
import org.junit.jupiter.api.Test;

/** The consistency tests on a blob-store backend, plus what the store must show after each removal. */
abstract class StoredBackupConsistencyTest extends BackupConsistencyTest {

    /** Whether the backend's store holds an object for the backup. */
    abstract boolean stored(String id);

    @Test
    void retentionRemovesTheRowAndTheObject() throws Exception {
        String stale = Hex.encode(CryptoRandom.bytes(32));
        String fresh = Hex.encode(CryptoRandom.bytes(32));
        assertThat(put(stale, new byte[] {1})).isEqualTo(201);
        assertThat(put(fresh, new byte[] {2})).isEqualTo(201);
        assertThat(stored(stale)).isTrue();
        age(stale, "200 days");

        assertThat(retention.purgeExpired()).isEqualTo(1);

        assertThat(stored(stale)).isFalse();
        assertThat(stored(fresh)).isTrue();
        assertThat(get(stale).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteRemovesTheRowAndTheObject() throws Exception {
        String id = Hex.encode(CryptoRandom.bytes(32));
        assertThat(put(id, new byte[] {1})).isEqualTo(201);

        assertThat(delete(id)).isEqualTo(204);

        assertThat(stored(id)).isFalse();
        assertThat(delete(id)).isEqualTo(404);
    }
}
