package dev.parley.media.expiry;

import dev.parley.media.MediaMetrics;
import dev.parley.media.MediaProperties;
import dev.parley.media.blob.BlobId;
import dev.parley.media.blob.BlobRepository;
import dev.parley.blobstore.BlobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes expired blobs (and single-use blobs consumed by "done" whose eager delete failed).
 *
 * <p>Each batch takes the oldest expired IDs through the {@code expires_at} index, deletes their
 * bytes, then their rows, so the cost per blob is the same at any table size. Deleting bytes
 * before rows means a crash in between leaves rows pointing at missing bytes, which the next
 * run removes; never bytes that no row points at. Several nodes may run the job at once: every
 * step is idempotent.
 */
@Component
public class ExpiryJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);
    /** Batches per run, so one run never holds the scheduler for long; the next run continues. */
    private static final int MAX_BATCHES_PER_RUN = 100;
    private static final int DELETE_CONCURRENCY = 8;

    private final BlobRepository repository;
    private final BlobStore store;
    private final MediaProperties.Expiry config;
    private final Clock clock;
    private final MediaMetrics metrics;
    private volatile Disposable schedule;

    public ExpiryJob(BlobRepository repository, BlobStore store, MediaProperties properties, Clock mediaClock,
            MediaMetrics metrics) {
        this.repository = repository;
        this.store = store;
        this.config = properties.expiry();
        this.clock = mediaClock;
        this.metrics = metrics;
    }

    /** Runs batches until no expired blob is left (or the per-run cap is hit); emits how many went. */
    public Mono<Long> runOnce() {
        return Flux.range(0, MAX_BATCHES_PER_RUN)
                .concatMap(batch -> deleteBatch(clock.instant()))
                .takeUntil(deleted -> deleted < config.batchSize())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> deleteBatch(Instant now) {
        return repository.expired(now, config.batchSize())
                .flatMap(ids -> deleteBytes(ids)
                        .then(repository.deleteExpired(ids, now))
                        .doOnNext(metrics::expired)
                        .thenReturn((long) ids.size()));
    }

    private Mono<Void> deleteBytes(List<BlobId> ids) {
        return Flux.fromIterable(ids)
                .flatMap(id -> store.delete(id.hex()), DELETE_CONCURRENCY)
                .then();
    }

    @Override
    public void start() {
        schedule = Flux.interval(config.interval(), config.interval())
                .onBackpressureDrop()
                .concatMap(tick -> runOnce()
                        .doOnNext(deleted -> {
                            if (deleted > 0) {
                                log.info("Expiry deleted {} blobs", deleted);
                            }
                        })
                        .onErrorResume(error -> {
                            log.warn("Expiry run failed; the next run retries", error);
                            return Mono.empty();
                        }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = schedule;
        return running != null && !running.isDisposed();
    }
}
