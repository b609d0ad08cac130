package dev.parley.media.blob;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

/**
 * Hands the bytes of a multipart body's one file part, named {@code blob}, to a store as they
 * arrive, and checks that the store kept every one of them. The bytes are counted on the way:
 * once they pass {@code maxSize} the stream fails with 413 and stops reading.
 *
 * <p>Android sends {@code filename="blob.bin"}, the desktop client {@code filename="blob"}; any
 * other part, a second blob part, or a blob part without a file name is a 400. Since the blob part
 * must be the only part, every event of the body belongs to it: the events map one to one onto its
 * pieces, with no operator between the reader and the store that holds events of its own.
 */
final class MultipartBlob {

    static final String PART_NAME = "blob";
    private static final String DISCARD_HOOK = "reactor.onDiscard.local";

    private MultipartBlob() {
    }

    /**
     * @param store stores the pieces it is given, releasing each, and emits how many bytes it stored
     * @return the size of the stored blob
     */
    static Mono<Long> consume(Flux<PartEvent> events, long maxSize, Function<Flux<DataBuffer>, Mono<Long>> store) {
        return Mono.defer(() -> {
            BlobPart part = new BlobPart(maxSize);
            // Spring's multipart reader releases what its own operators drop, with discard hooks
            // of its own; the store's must not reach them, or a piece dropped there would be
            // released twice, and a pooled buffer released twice ends up under another request's
            // bytes. (Reactor keeps the discard hook under this context key.)
            Flux<DataBuffer> content = events.contextWrite(context -> context.delete(DISCARD_HOOK)).handle(part::next);
            return store.apply(content).flatMap(part::stored);
        });
    }

    /** What has been seen of the blob part; its pieces arrive one at a time, in order. */
    private static final class BlobPart {

        private final long maxSize;
        private final AtomicLong received = new AtomicLong();
        private volatile boolean started;
        private volatile boolean ended;

        BlobPart(long maxSize) {
            this.maxSize = maxSize;
        }

        void next(PartEvent event, SynchronousSink<DataBuffer> sink) {
            DataBuffer content = event.content();
            if (ended || !PART_NAME.equals(event.name()) || !(event instanceof FilePartEvent)) {
                // The event is in hand and goes no further: nothing else releases it.
                DataBufferUtils.release(content);
                sink.error(BlobException.badRequest("expected one file part named blob"));
                return;
            }
            started = true;
            ended = event.isLast();
            if (received.addAndGet(content.readableByteCount()) > maxSize) {
                DataBufferUtils.release(content);
                sink.error(BlobException.tooLarge());
                return;
            }
            sink.next(content);
        }

        /**
         * A store that reports fewer or more bytes than it was handed has lost or invented some:
         * the upload fails (and its bytes are deleted) rather than commit a blob that would fail
         * to decrypt on every recipient's device.
         */
        Mono<Long> stored(long size) {
            if (!started) {
                return Mono.error(BlobException.badRequest("no part named blob"));
            }
            long expected = received.get();
            if (size != expected) {
                return Mono.error(new IllegalStateException("stored " + size + " of the blob's " + expected + " bytes"));
            }
            return Mono.just(size);
        }
    }
}
