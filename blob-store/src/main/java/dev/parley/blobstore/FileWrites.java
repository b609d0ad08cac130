package dev.parley.blobstore;

import io.netty.buffer.ByteBufAllocator;
import java.nio.channels.AsynchronousFileChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams buffers into a file channel with the source's demand, releasing each buffer once written.
 *
 * <p>An HTTP body arrives in pieces of at most 8 KiB (Netty's chunk size), and each write to an
 * {@link AsynchronousFileChannel} is a round trip to its thread pool and back. So consecutive
 * pieces are first copied into one buffer of up to {@link #WRITE_SIZE} and written together: a
 * 64 KiB upload becomes one write instead of eight or more, and a 10 MiB one 40 instead of 1,280.
 * The copy runs where the body arrives (an event loop, for an upload): a memory copy of at most
 * 256 KiB costs far less than the hand-offs it saves, and at most one such buffer waits per write.
 */
final class FileWrites {

    static final int WRITE_SIZE = 256 * 1024;
    /** Reactor's context key for the discard hook of one subscription. */
    private static final String DISCARD_HOOK = "reactor.onDiscard.local";
    /** Pooled direct buffers: the file channel writes them without another copy. */
    private static final DataBufferFactory DIRECT = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

    private FileWrites() {
    }

    /** Emits the number of bytes written; fails when a known {@code length} does not match. */
    static Mono<Long> write(AsynchronousFileChannel channel, Flux<DataBuffer> content, long length) {
        AtomicLong written = new AtomicLong();
        // The hook below must not reach coalesce's own (Reactor chains discard hooks), or a piece
        // dropped there would be released twice.
        Flux<DataBuffer> joined = coalesce(content).contextWrite(context -> context.delete(DISCARD_HOOK));
        return DataBufferUtils.write(joined, channel)
                .doOnNext(buffer -> {
                    long total = written.addAndGet(buffer.readableByteCount());
                    DataBufferUtils.release(buffer);
                    if (length != BlobStore.UNKNOWN_LENGTH && total > length) {
                        throw new IllegalStateException("content longer than declared");
                    }
                })
                // A buffer whose write is still in flight when the upload is cancelled comes back
                // from the channel after the cancel, and is dropped instead of emitted.
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release)
                .then(Mono.fromCallable(() -> {
                    if (length != BlobStore.UNKNOWN_LENGTH && written.get() != length) {
                        throw new IllegalStateException("content shorter than declared");
                    }
                    return written.get();
                }));
    }

    /** Consecutive buffers joined into buffers of up to about {@code WRITE_SIZE} bytes. */
    static Flux<DataBuffer> coalesce(Flux<DataBuffer> content) {
        return Flux.defer(() -> {
            AtomicLong pending = new AtomicLong();
            return content
                    .bufferUntil(buffer -> {
                        if (pending.addAndGet(buffer.readableByteCount()) >= WRITE_SIZE) {
                            pending.set(0);
                            return true;
                        }
                        return false;
                    })
                    .map(FileWrites::join)
                    // Pieces collected but not yet joined when the stream is cancelled or fails.
                    .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        });
    }

    private static DataBuffer join(List<DataBuffer> pieces) {
        if (pieces.size() == 1) {
            return pieces.get(0);
        }
        int size = 0;
        for (DataBuffer piece : pieces) {
            // Pieces below WRITE_SIZE and then one of any size: only a last piece near 2 GiB overflows.
            size = Math.addExact(size, piece.readableByteCount());
        }
        DataBuffer joined = DIRECT.allocateBuffer(size);
        try {
            for (DataBuffer piece : pieces) {
                joined.write(piece);
            }
            return joined;
        } catch (RuntimeException e) {
            DataBufferUtils.release(joined);
            throw e;
        } finally {
            pieces.forEach(DataBufferUtils::release);
        }
    }
}
