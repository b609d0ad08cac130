package dev.parley.media.blob;

import dev.parley.media.MediaMetrics;
import dev.parley.media.MediaProperties;
import dev.parley.blobstore.BlobStore;
import dev.parley.blobstore.StorageFull;
import dev.parley.blobstore.StoredObject;
import dev.parley.service.jdbc.BatchedLookup;
import dev.parley.service.jdbc.BlockingJdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Upload, lookup and done. The bytes are stored first and the metadata row is written only
 * after the store has every byte, so a blob is visible only once complete; an upload that fails
 * at any point deletes whatever it stored.
 */
@Service
public class BlobService {

    private static final Logger log = LoggerFactory.getLogger(BlobService.class);
    /** Reactor's context key for an onErrorDropped hook that applies to one subscription only. */
    private static final String ON_ERROR_DROPPED = "reactor.onErrorDropped.local";

    /** Downloads waiting beyond this are refused with 503 instead of queueing on. */
    private static final int MAX_WAITING_LOOKUPS = 10_000;
    private static final int MAX_LOOKUP_BATCH = 256;
    /**
     * One lookup statement at a time: what arrives meanwhile waits for the next. A statement's
     * fixed cost (a round trip, a wake-up of the PostgreSQL backend) is most of what a lookup
     * costs, so fewer, fuller batches do more per core: with two in flight PostgreSQL spent
     * 27-37 µs per download in bench/media, with one 16-18 µs, and downloads went faster.
     */
    private static final int LOOKUPS_IN_FLIGHT = 1;

    private final BlobRepository repository;
    /** Public downloads are the hottest path: under load their lookups share statements. */
    private final BatchedLookup<BlobId, Long> publicSizes;
    private final BlobStore store;
    private final MediaProperties.Blobs limits;
    private final Clock clock;
    private final MediaMetrics metrics;
    private final RepeatedWarning storageFull = new RepeatedWarning(log, "Refusing uploads: the blob store is full",
            Duration.ofSeconds(10), System::nanoTime);

    public BlobService(BlobRepository repository, BlockingJdbc jdbc, BlobStore store, MediaProperties properties,
            Clock mediaClock, MediaMetrics metrics) {
        this.repository = repository;
        this.publicSizes = new BatchedLookup<>("blob", ids -> jdbc.call(sql -> repository.publicSizes(sql, ids, mediaClock.instant())),
                MAX_LOOKUP_BATCH, LOOKUPS_IN_FLIGHT, MAX_WAITING_LOOKUPS);
        this.store = store;
        this.limits = properties.blobs();
        this.clock = mediaClock;
        this.metrics = metrics;
    }

    public long maxSize() {
        return limits.maxSize().toBytes();
    }

    /**
     * Stores the multipart body's blob part.
     *
     * @param scope null for a blob-server upload
     * @param deviceGroupId the uploading device group for a mirror upload, else null
     */
    public Mono<BlobId> upload(Flux<PartEvent> body, boolean persist, MirrorScope scope, byte[] deviceGroupId) {
        BlobId id = BlobId.random();
        String key = id.hex();
        return MultipartBlob.consume(body, maxSize(), content -> store.put(key, content, BlobStore.UNKNOWN_LENGTH))
                .flatMap(size -> {
                    Instant now = clock.instant();
                    BlobRecord record = new BlobRecord(id, size, persist, now, now.plus(limits.lifetime()), scope, deviceGroupId);
                    return repository.insert(record).doOnSuccess(inserted -> metrics.uploaded(size));
                })
                .thenReturn(id)
                .doOnError(BlobException.class, refused -> {
                    if (refused.status() == HttpStatus.CONTENT_TOO_LARGE) {
                        metrics.rejectedTooLarge();
                    }
                })
                .onErrorMap(BlobService::clientGone, gone -> new BlobException(HttpStatus.BAD_REQUEST, "upload interrupted"))
                // A full disk is the operator's to fix, not a fault in the service: a status that
                // tells the client to try later, not a 500 and a stack trace for every upload.
                .onErrorMap(StorageFull::causedBy, full -> {
                    metrics.rejectedStorageFull();
                    storageFull.occurred(full);
                    return new BlobException(HttpStatus.INSUFFICIENT_STORAGE, "storage full");
                })
                .onErrorResume(error -> store.delete(key)
                        .onErrorResume(cleanup -> {
                            log.warn("Could not delete the bytes of failed upload {}", key, cleanup);
                            return Mono.empty();
                        })
                        .then(Mono.error(error)))
                // A client that drops the connection fails the body twice (the part and the
                // multipart stream); the second signal has nowhere to go and is only noise.
                .contextWrite(context -> context.put(ON_ERROR_DROPPED, (Consumer<Throwable>) dropped ->
                        log.debug("Upload stream failed after the upload had already failed", dropped)));
    }

    /** Whether the request body failed because the client's connection broke (not a server fault). */
    private static boolean clientGone(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String type = cause.getClass().getName();
            if (type.startsWith("software.amazon.awssdk.")) {
                // The object store's client also runs on Netty: its failures are ours.
                return false;
            }
            if (type.startsWith("io.netty.") || type.startsWith("reactor.netty.")) {
                return true;
            }
        }
        return false;
    }

    /** The stored bytes of a blob visible to {@code access}, or empty; the caller closes them. */
    public Mono<StoredObject> open(BlobId id, Access access) {
        Mono<Long> size = access == Access.PUBLIC
                ? publicSizes.find(id).flatMap(Mono::justOrEmpty)
                : repository.visibleSize(id, access, clock.instant());
        return size.flatMap(visible -> store.open(id.hex(), visible));
    }

    /** Marks a blob done on the blob server's path; empty when it is not visible. */
    public Mono<Void> donePublic(BlobId id) {
        return finish(id, repository.donePublic(id, clock.instant()));
    }

    /**
     * Marks a blob done through the mirror. Scope {@code public} acts on the public copy when the
     * blob has one, and otherwise on the device group's copy.
     */
    public Mono<Void> doneMirror(BlobId id, byte[] deviceGroupId, MirrorScope scope) {
        Instant now = clock.instant();
        Mono<Boolean> mirror = Mono.defer(() -> repository.doneMirror(id, deviceGroupId, now));
        Mono<Boolean> done = scope == MirrorScope.PUBLIC
                ? repository.donePublic(id, now).switchIfEmpty(mirror)
                : mirror;
        return finish(id, done);
    }

    private Mono<Void> finish(BlobId id, Mono<Boolean> done) {
        return done.switchIfEmpty(Mono.error(BlobException::notFound))
                .flatMap(consumed -> consumed ? purge(id) : Mono.empty());
    }

    /**
     * Deletes a consumed blob's bytes and row now. The row is already expired, so if this fails
     * half way the expiry job finishes the work.
     */
    private Mono<Void> purge(BlobId id) {
        metrics.consumed();
        return store.delete(id.hex())
                .then(repository.deleteExpired(java.util.List.of(id), clock.instant()))
                .then()
                .onErrorResume(error -> {
                    log.warn("Deferred deleting consumed blob {} to the expiry job", id, error);
                    return Mono.empty();
                });
    }
}
