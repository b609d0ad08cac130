package dev.parley.media.blob;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Picks the single file part named {@code blob} out of a streamed multipart body and hands its
 * bytes, as they arrive, to a consumer. The bytes are counted on the way: once they pass
 * {@code maxSize} the stream fails with 413 and stops reading.
 *
 * <p>Android sends {@code filename="blob.bin"}, the desktop client {@code filename="blob"}; any
 * other part, a second blob part, or a blob part without a file name is a 400.
 */
final class MultipartBlob {

    static final String PART_NAME = "blob";
    private static final String DISCARD_HOOK = "reactor.onDiscard.local";

    private MultipartBlob() {
    }

    static <T> Mono<T> consume(Flux<PartEvent> events, long maxSize, Function<Flux<DataBuffer>, Mono<T>> consumer) {
        AtomicBoolean seen = new AtomicBoolean();
        return events
                // Spring's multipart reader releases what its own operators drop, with discard
                // hooks of its own; ours below must not reach them, or a piece dropped there would
                // be released twice, and a pooled buffer released twice can end up under another
                // request's bytes. (Reactor keeps the discard hook under this context key.)
                .contextWrite(context -> context.delete(DISCARD_HOOK))
                .windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, all) -> {
                    if (!first.hasValue()) {
                        return all.then(Mono.<T>empty());
                    }
                    PartEvent event = first.get();
                    if (!PART_NAME.equals(event.name()) || !(event instanceof FilePartEvent) || !seen.compareAndSet(false, true)) {
                        // The unread events, this one included, are released by the operators' discard hooks.
                        return Mono.<T>error(BlobException.badRequest("expected one file part named blob"));
                    }
                    // The consumer releases the pieces it takes and drops (its discard hooks reach
                    // up to the context write above); the events before them are released below.
                    return consumer.apply(limit(all.map(PartEvent::content), maxSize));
                }))
                // The whole body is read (not cut off after the blob part) so the connection stays usable.
                .collectList()
                .flatMap(results -> results.isEmpty()
                        ? Mono.error(BlobException.badRequest("no part named blob"))
                        : Mono.just(results.get(0)))
                // When an upload fails half way (the client left, the store refused), the
                // operators above drop the events they hold: release their bytes, or every failed
                // upload leaks pooled direct memory until the node cannot read a request.
                .doOnDiscard(PartEvent.class, event -> DataBufferUtils.release(event.content()));
    }

    private static Flux<DataBuffer> limit(Flux<DataBuffer> content, long maxSize) {
        AtomicLong total = new AtomicLong();
        return content.handle((buffer, sink) -> {
            if (total.addAndGet(buffer.readableByteCount()) > maxSize) {
                DataBufferUtils.release(buffer);
                sink.error(BlobException.tooLarge());
            } else {
                sink.next(buffer);
            }
        });
    }
}
