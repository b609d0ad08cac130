package dev.parley.safe.retention;

import dev.parley.safe.SafeProperties;
import dev.parley.safe.backup.BackupStorage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes backups not updated for {@code parley.safe.retention-days}, in batches of
 * {@code retention.batch-size} through the {@code updated_at} index of whichever table the
 * storage backend keeps (with the blob store's objects of each batch), so one run never holds a
 * long transaction however many rows expire. Clients re-upload unchanged data after half the
 * retention period, so a live backup is never deleted.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final BackupStorage storage;
    private final SafeProperties properties;
    private final Counter deleted;

    public RetentionJob(BackupStorage storage, SafeProperties properties, MeterRegistry meters) {
        this.storage = storage;
        this.properties = properties;
        this.deleted = Counter.builder("parley.safe.retention.deleted")
                .description("Backups deleted because they were not updated within the retention period")
                .register(meters);
    }

    @Scheduled(initialDelayString = "${parley.safe.retention.interval}", fixedDelayString = "${parley.safe.retention.interval}")
    void scheduledRun() {
        if (!properties.retention().enabled()) {
            return;
        }
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            log.warn("Retention run failed, retrying at the next interval: {}", e.getClass().getSimpleName());
        }
    }

    /** Runs batches until one comes back short; returns how many backups were deleted. */
    public long purgeExpired() {
        int batchSize = properties.retention().batchSize();
        long total = 0;
        int batch;
        do {
            batch = storage.deleteNotUpdatedFor(properties.retentionDays(), batchSize);
            total += batch;
            deleted.increment(batch);
        } while (batch == batchSize);
        if (total > 0) {
            log.info("Retention deleted {} backups not updated for {} days", total, properties.retentionDays());
        }
        return total;
    }
}
