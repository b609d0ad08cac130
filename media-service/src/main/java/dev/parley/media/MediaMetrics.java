package dev.parley.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The service's own Prometheus metrics, all named {@code parley.media.*}. */
@Component
public class MediaMetrics {

    private final Counter uploads;
    private final Counter uploadedBytes;
    private final Counter rejectedTooLarge;
    private final Counter rejectedRateLimited;
    private final Counter rejectedStorageFull;
    private final Counter consumed;
    private final Counter expired;

    public MediaMetrics(MeterRegistry registry) {
        uploads = Counter.builder("parley.media.uploads").description("Blobs stored").register(registry);
        uploadedBytes = Counter.builder("parley.media.uploaded.bytes").description("Bytes of stored blobs").register(registry);
        rejectedTooLarge = rejected(registry, "too_large");
        rejectedRateLimited = rejected(registry, "rate_limited");
        rejectedStorageFull = rejected(registry, "storage_full");
        consumed = Counter.builder("parley.media.consumed").description("Single-use blobs deleted on done").register(registry);
        expired = Counter.builder("parley.media.expired").description("Blobs deleted by the expiry job").register(registry);
    }

    private static Counter rejected(MeterRegistry registry, String reason) {
        return Counter.builder("parley.media.uploads.rejected").tag("reason", reason)
                .description("Uploads refused before they were stored").register(registry);
    }

    public void uploaded(long bytes) {
        uploads.increment();
        uploadedBytes.increment(bytes);
    }

    public void rejectedTooLarge() {
        rejectedTooLarge.increment();
    }

    public void rejectedRateLimited() {
        rejectedRateLimited.increment();
    }

    public void rejectedStorageFull() {
        rejectedStorageFull.increment();
    }

    public void consumed() {
        consumed.increment();
    }

    public void expired(long count) {
        expired.increment(count);
    }
}
