package dev.parley.client.safe;

/**
 * What {@code GET config} reports. A retention of 0 means the server did not say; clients then
 * assume 180 days, as the Threema clients do.
 */
public record SafeServerConfig(long maxBackupBytes, int retentionDays) {

    public static final int DEFAULT_RETENTION_DAYS = 180;

    public int effectiveRetentionDays() {
        return retentionDays > 0 ? retentionDays : DEFAULT_RETENTION_DAYS;
    }
}
