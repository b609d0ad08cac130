package dev.parley.media.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Every piece of a blob part is released exactly once, whether the upload completes or fails half
 * way. Each piece is retained once more by the test, so a leak leaves a count of 2 and a second
 * release one of 0.
 */
class MultipartBlobTest {

    private static final NettyDataBufferFactory POOLED = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

    private final List<ByteBuf> pieces = new ArrayList<>();

    /**
     * A blob part in 8 KiB pieces, pushed as soon as there is demand, the way Spring's multipart
     * reader pushes what it has parsed; like the reader, the source releases what it still holds
     * when it is cancelled, with a discard hook of its own.
     */
    private Flux<PartEvent> blobPart(int count) {
        List<DataBuffer> content = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NettyDataBuffer piece = POOLED.allocateBuffer(8192);
            piece.write(new byte[8192]);
            pieces.add(piece.getNativeBuffer().retain());
            content.add(piece);
        }
        List<FilePartEvent> events = FilePartEvent.create(MultipartBlob.PART_NAME, "blob.bin",
                MediaType.APPLICATION_OCTET_STREAM, Flux.fromIterable(content)).collectList().block();
        return Flux.<PartEvent>create(sink -> {
            events.forEach(sink::next);
            sink.complete();
        }).doOnDiscard(PartEvent.class, event -> DataBufferUtils.release(event.content()));
    }

    @Test
    void aStoreThatFailsHalfWayReleasesEveryPieceOnce() {
        // The store writes some pieces on its own thread and then fails, as a full disk does.
        StepVerifier.create(MultipartBlob.consume(blobPart(600), Long.MAX_VALUE, content -> content
                        .publishOn(Schedulers.boundedElastic(), 1)
                        .index()
                        .concatMap(piece -> {
                            DataBufferUtils.release(piece.getT2());
                            return piece.getT1() < 50 ? Mono.<Long>empty()
                                    : Mono.<Long>error(new IOException("No space left on device"));
                        })
                        .then(Mono.just(0L))))
                .expectErrorMessage("No space left on device")
                .verify(Duration.ofSeconds(5));

        assertThat(pieces).allSatisfy(piece -> assertThat(piece.refCnt()).isOne());
    }

    @Test
    void aCompleteUploadReleasesEveryPieceOnce() {
        StepVerifier.create(MultipartBlob.consume(blobPart(600), Long.MAX_VALUE, content -> content
                        .map(piece -> {
                            long size = piece.readableByteCount();
                            DataBufferUtils.release(piece);
                            return size;
                        })
                        .reduce(0L, Long::sum)))
                .expectNext(600L * 8192)
                .verifyComplete();

        assertThat(pieces).allSatisfy(piece -> assertThat(piece.refCnt()).isOne());
    }
}
