package dev.parley.blobstore;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Stores each object under its key in one bucket of an S3-compatible object store.
 *
 * <p>A put first spools the stream to a temporary file in {@code spoolDirectory} and then sends
 * that file with its exact length: S3 wants the length before the body, an upload stream rarely
 * knows it, and a file body can be sent again on a retry (with {@code sendfile}, through
 * {@link S3Objects}). Memory stays bounded either way; the object appears in the bucket only when
 * S3 has accepted all of it, since a PUT is atomic.
 */
public final class S3BlobStore implements BlobStore {

    private final S3AsyncClient s3;
    private final S3Objects objects;
    private final String bucket;
    private final Path spoolDirectory;
    private final Scheduler blocking;

    /** Downloads and uploads go through {@code objects}, everything else through {@code s3}; both for its bucket. */
    public S3BlobStore(S3AsyncClient s3, S3Objects objects, Path spoolDirectory, Scheduler blocking) {
        this.s3 = s3;
        this.objects = objects;
        this.bucket = objects.bucket();
        this.spoolDirectory = LocalFiles.createDirectories(spoolDirectory, "spool directory");
        this.blocking = blocking;
    }

    @Override
    public Mono<Long> put(String key, Flux<DataBuffer> content, long length) {
        StoreKeys.check(key);
        return Mono.usingWhen(
                Mono.fromCallable(() -> Files.createTempFile(spoolDirectory, ".spool-", ".tmp")).subscribeOn(blocking),
                spool -> spoolThenUpload(key, content, length, spool),
                spool -> LocalFiles.delete(spool, blocking));
    }

    /** S3 replaces an object in one step when a PUT completes; until then readers get the old one. */
    @Override
    public Mono<Long> replace(String key, Flux<DataBuffer> content, long length) {
        return put(key, content, length);
    }

    /**
     * One GET, whose response fixes the version: its length and its body come from the same
     * object whatever is written under the key while the body streams.
     */
    @Override
    public Mono<Snapshot> snapshot(String key) {
        StoreKeys.check(key);
        return Mono.fromFuture(() -> s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build(),
                        AsyncResponseTransformer.toPublisher()))
                .<Snapshot>map(S3Snapshot::new)
                .onErrorResume(S3BlobStore::isNotFound, missing -> Mono.empty());
    }

    private Mono<Long> spoolThenUpload(String key, Flux<DataBuffer> content, long length, Path spool) {
        Mono<Long> spooled = Mono.usingWhen(
                Mono.fromCallable(() -> AsynchronousFileChannel.open(spool, StandardOpenOption.WRITE)).subscribeOn(blocking),
                channel -> FileWrites.write(channel, content, length),
                channel -> Mono.fromCallable(() -> {
                    channel.close();
                    return channel;
                }).subscribeOn(blocking));
        return spooled.flatMap(size -> objects.put(key, spool, size, "application/octet-stream").thenReturn(size));
    }

    @Override
    public Mono<StoredObject> open(String key) {
        StoreKeys.check(key);
        return Mono.fromFuture(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
                .<StoredObject>map(head -> new S3Object(key, head.contentLength()))
                .onErrorResume(S3BlobStore::isNotFound, missing -> Mono.empty());
    }

    /** No HEAD: a download is one GET, half the requests (and the request charges) of two. */
    @Override
    public Mono<StoredObject> open(String key, long size) {
        StoreKeys.check(key);
        return Mono.just(new S3Object(key, size));
    }

    @Override
    public Mono<Void> delete(String key) {
        StoreKeys.check(key);
        return Mono.fromFuture(() -> s3.deleteObject(b -> b.bucket(bucket).key(key))).then();
    }

    @Override
    public Mono<Boolean> exists(String key) {
        return open(key).map(found -> true).defaultIfEmpty(false);
    }

    private static boolean isNotFound(Throwable error) {
        return error instanceof S3Exception s3Error && s3Error.statusCode() == 404;
    }

    private static final class S3Snapshot implements Snapshot {

        private final ResponsePublisher<GetObjectResponse> response;
        private final AtomicBoolean taken = new AtomicBoolean();

        S3Snapshot(ResponsePublisher<GetObjectResponse> response) {
            this.response = response;
        }

        @Override
        public long size() {
            return response.response().contentLength();
        }

        @Override
        public Flux<DataBuffer> content(DataBufferFactory buffers) {
            if (!taken.compareAndSet(false, true)) {
                return Flux.error(new IllegalStateException("snapshot content already read"));
            }
            return Flux.from(response).map(buffers::wrap);
        }

        /** A body nobody read still holds its connection until it is subscribed and cancelled. */
        @Override
        public void close() {
            if (taken.compareAndSet(false, true)) {
                Flux.from(response).subscribe(new BaseSubscriber<ByteBuffer>() {
                    @Override
                    protected void hookOnSubscribe(Subscription subscription) {
                        subscription.cancel();
                    }
                });
            }
        }
    }

    private final class S3Object implements StoredObject {

        private final String key;
        private final long size;

        S3Object(String key, long size) {
            this.key = key;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Flux<DataBuffer> read(long offset, long length, DataBufferFactory buffers) {
            if (length == 0) {
                return Flux.empty();
            }
            return objects.read(key, offset, length, buffers);
        }
    }
}
