package dev.parley.safe.backup;

/**
 * The blob store failed (disk, S3). Answered like a database failure, 503, because the request
 * may well succeed again; the cause is logged by type only, as it may name the backup's key.
 */
public final class BackupStoreException extends RuntimeException {

    BackupStoreException(Throwable cause) {
        super("backup store failed", cause, false, false);
    }
}
