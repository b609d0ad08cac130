package dev.parley.media.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.blobstore.BlobStore;
import dev.parley.blobstore.FileSystemBlobStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
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

    @Test
    void aStoreThatLosesAPieceFailsTheUpload() {
        // The store drops one piece on the way, as an operator that loses an element would: the
        // upload must fail rather than commit a blob 8 KiB short.
        StepVerifier.create(MultipartBlob.consume(blobPart(600), Long.MAX_VALUE, content -> content
                        .index()
                        .map(piece -> {
                            long size = piece.getT1() == 300 ? 0 : piece.getT2().readableByteCount();
                            DataBufferUtils.release(piece.getT2());
                            return size;
                        })
                        .reduce(0L, Long::sum)))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("stored " + 599L * 8192 + " of the blob's " + 600L * 8192 + " bytes"))
                .verify(Duration.ofSeconds(5));

        assertThat(pieces).allSatisfy(piece -> assertThat(piece.refCnt()).isOne());
    }

    @Test
    void aBodyWithoutPartsIs400() {
        StepVerifier.create(MultipartBlob.consume(Flux.empty(), Long.MAX_VALUE, content -> content.count()))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(BlobException.class, refused -> assertThat(refused.status().value()).isEqualTo(400)))
                .verify(Duration.ofSeconds(5));
    }

    /**
     * Spring's own reader and the file store: Spring holds the last pieces of a part back until it
     * has seen the boundary, so a blob over the limit by its last bytes is refused on a piece
     * handed over together with the boundary, and the reader is cancelled while it still holds the
     * rest of that network buffer. Every piece still ends with one reference, and no file is left.
     */
    @Test
    void aBlobOverTheLimitByItsLastBytesReleasesEveryPieceOnce(@TempDir Path directory) throws IOException {
        String boundary = "Boundary_Line";
        int size = 4 * 8192 + 100;
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"blob\"; filename=\"blob.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = body.toByteArray();
        List<DataBuffer> network = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += 8192) {
            NettyDataBuffer piece = POOLED.allocateBuffer(8192);
            piece.write(bytes, at, Math.min(8192, bytes.length - at));
            pieces.add(piece.getNativeBuffer().retain());
            network.add(piece);
        }
        MockServerHttpRequest request = MockServerHttpRequest.post("/upload")
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .body(Flux.fromIterable(network));
        Flux<PartEvent> events = new PartEventHttpMessageReader().read(ResolvableType.forClass(PartEvent.class), request, Map.of());

        BlobStore files = new FileSystemBlobStore(directory, Schedulers.boundedElastic());
        String key = BlobId.random().hex();

        StepVerifier.create(MultipartBlob.consume(events, size - 1, stored -> files.put(key, stored, BlobStore.UNKNOWN_LENGTH)))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOfSatisfying(BlobException.class, refused -> assertThat(refused.status().value()).isEqualTo(413)))
                .verify(Duration.ofSeconds(5));

        assertThat(pieces).allSatisfy(piece -> assertThat(piece.refCnt()).isOne());
        try (var left = Files.walk(directory)) {
            assertThat(left.filter(Files::isRegularFile)).as("files left, temporary ones included").isEmpty();
        }
    }
}
