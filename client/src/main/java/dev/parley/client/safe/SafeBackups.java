package dev.parley.client.safe;

import dev.parley.common.identity.ThreemaId;
import java.util.Optional;

/** Back up and restore through one server: the client-side half of Threema Safe. */
public final class SafeBackups {

    private final SafeClient client;

    public SafeBackups(SafeClient client) {
        this.client = client;
    }

    public static SafeKeys keys(ThreemaId identity, String password) {
        return SafeKeys.derive(identity, password);
    }

    /**
     * Seals {@code json} and uploads it. Refuses, without uploading, when the sealed body is
     * larger than the server's {@code maxBackupBytes}.
     */
    public SafeClient.PutResult backup(SafeKeys keys, byte[] json) {
        SafeServerConfig config = client.config();
        byte[] body = SafeBackup.seal(keys, json);
        if (body.length > config.maxBackupBytes()) {
            throw new BackupTooLargeException(body.length, config.maxBackupBytes());
        }
        return client.put(keys.backupIdHex(), body);
    }

    /** The JSON of the backup these keys address, or empty when the server has none. */
    public Optional<byte[]> restore(SafeKeys keys, int maxJsonBytes) {
        return client.get(keys.backupIdHex()).map(body -> SafeBackup.open(keys, body, maxJsonBytes));
    }

    /** The sealed backup would exceed the server's limit; nothing was uploaded. */
    public static final class BackupTooLargeException extends SafeException {

        private final long size;
        private final long limit;

        BackupTooLargeException(long size, long limit) {
            super("backup of " + size + " bytes exceeds the server's limit of " + limit + " bytes");
            this.size = size;
            this.limit = limit;
        }

        public long size() {
            return size;
        }

        public long limit() {
            return limit;
        }
    }
}
